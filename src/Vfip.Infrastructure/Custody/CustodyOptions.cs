namespace Vfip.Infrastructure.Custody;

/// <summary>Configuration section <c>Custody</c>.</summary>
public sealed class CustodyOptions
{
    public const string Section = "Custody";

    /// <summary>
    /// Base64 of the 32-byte key that seals custodial keys (environment <c>Custody__KeyEncryptionKey</c>).
    /// When empty, the embedded default keeps a generated one in the data folder (<c>keys/custody.key</c>);
    /// production must set it from a secret store.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }
}
