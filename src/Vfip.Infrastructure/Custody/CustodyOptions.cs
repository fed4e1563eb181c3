namespace Vfip.Infrastructure.Custody;

/// <summary>Configuration section <c>Custody</c>.</summary>
public sealed class CustodyOptions
{
    public const string Section = "Custody";

    /// <summary>
    /// Base64 of the 32-byte key that seals custodial keys (environment <c>Custody__KeyEncryptionKey</c>).
    /// When empty, the embedded default (SQLite and the embedded chain) keeps a generated one in the data folder
    /// (<c>keys/custody.key</c>, mode 0600); anywhere else the service refuses to start without it: set it from a secret
    /// store, the same on every replica.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }
}
