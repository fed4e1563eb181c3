namespace Vfip.Application.Common.Options;

/// <summary>Configuration section <c>Auth</c>: wallets and signatures.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// The domain a Sign-In with Ethereum message must name (EIP-4361 <c>domain</c>, e.g. <c>vfip.example</c>).
    /// Empty: the host and port of <c>Vfip:PublicBaseUrl</c>. Never the request's Host, which the caller chooses.
    /// </summary>
    public string? SiweDomain { get; set; }

    /// <summary>How old a message's <c>Issued At</c> may be (default 5 minutes; also the clock skew allowed ahead).</summary>
    public TimeSpan SiweMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a wallet nonce may wait to be used (default 10 minutes).</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an owner has to sign a wallet-owned registration, and the relayer to send it (default 1 day).</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromDays(1);
}
