namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// The on-chain licence registry (ADR 0012), as the Application sees it. Implemented in Vfip.Chain over the
/// LicenseRegistry deployed beside the DesignRegistry; nothing of Nethereum leaks past it.
/// </summary>
public interface ILicenseRegistry
{
    /// <summary>The id the contract will give this grant (its <c>licenseIdOf</c>), as a decimal string.</summary>
    string LicenseIdOf(LicenseGrantRequest grant);

    /// <summary>
    /// Has the custodial key of <paramref name="licensorAddress"/> sign the grant (EIP-712, through
    /// <see cref="ICustodialSigner"/>) and relays it through <c>grantWithSig</c>,
    /// the registrar paying the gas; waits for the configured confirmations. A grant already on chain (a retry
    /// after a crash) returns the existing LicenseGranted event. Throws <see cref="LicenseRefusedException"/> when
    /// the contract refuses it for good (the licensor no longer owns the design, the parent no longer allows it).
    /// </summary>
    Task<ChainEventRecord> GrantAsync(LicenseGrantRequest grant, string licensorAddress, CancellationToken cancellationToken);

    /// <summary>
    /// Has the custodial key of <paramref name="revokerAddress"/> sign the revocation (through <see cref="ICustodialSigner"/>)
    /// and relays it through <c>revokeWithSig</c> with that address as the signer.
    /// Idempotent: a licence revoked already returns the existing LicenseRevoked event.
    /// </summary>
    Task<ChainEventRecord> RevokeAsync(string licenseId, byte[] reasonHash, string revokerAddress, CancellationToken cancellationToken);

    /// <summary>
    /// Relays a grant a self-custody licensor signed in their wallet (<c>grantWithSig</c> with <paramref name="signature"/>
    /// over <paramref name="deadline"/>). Same idempotency and refusals as <see cref="GrantAsync"/>.
    /// </summary>
    Task<ChainEventRecord> RelayGrantAsync(LicenseGrantRequest grant, DateTime deadline, string signature, CancellationToken cancellationToken);

    /// <summary>Relays a revocation <paramref name="signer"/> signed in their wallet (<c>revokeWithSig</c>). Idempotent like <see cref="RevokeAsync"/>.</summary>
    Task<ChainEventRecord> RelayRevocationAsync(
        string licenseId, byte[] reasonHash, DateTime deadline, string signer, string signature, CancellationToken cancellationToken);

    /// <summary>The EIP-712 typed data (eth_signTypedData_v4 JSON) a wallet is asked to sign for <paramref name="signable"/>, in this deployment's domain.</summary>
    Task<string> TypedDataAsync(LicenseSignable signable, CancellationToken cancellationToken);

    /// <summary>The address whose key made <paramref name="signature"/> over <paramref name="signable"/>'s typed data (EIP-55); null when it is malformed.</summary>
    Task<string?> RecoverSignerAsync(LicenseSignable signable, string signature, CancellationToken cancellationToken);

    /// <summary>
    /// Anchors that <paramref name="childTokenId"/> derives from <paramref name="parentTokenId"/> under
    /// <paramref name="licenseId"/> (<c>registerDerivative</c>, sent by the registrar). Throws
    /// <see cref="LicenseRefusedException"/> when the contract says the licence does not permit it now.
    /// </summary>
    Task<ChainEventRecord> RegisterDerivativeAsync(string childTokenId, string parentTokenId, string licenseId, CancellationToken cancellationToken);
}

/// <summary>The fields of a grant, as the contract takes them.</summary>
/// <param name="TokenId">uint256, decimal.</param>
/// <param name="LicenseeAddress">EIP-55.</param>
/// <param name="ParentId">uint256, decimal; "0" for a licence granted by the design's owner.</param>
/// <param name="TermsHash">32 bytes.</param>
/// <param name="StartsAt">Unix seconds; 0 = open.</param>
/// <param name="EndsAt">Unix seconds, exclusive; 0 = open.</param>
/// <param name="Salt">32 bytes.</param>
public sealed record LicenseGrantRequest(
    string TokenId,
    string LicenseeAddress,
    string ParentId,
    byte[] TermsHash,
    long StartsAt,
    long EndsAt,
    bool Sublicensable,
    bool DerivativesAllowed,
    byte[] Salt);

/// <summary>Something a wallet signs about a licence (EIP-712, in the LicenseRegistry's domain), with the deadline inside it.</summary>
public abstract record LicenseSignable(DateTime Deadline);

/// <summary>The licensor's <c>LicenseGrant</c>, as <c>grantWithSig</c> checks it.</summary>
public sealed record GrantSignable(LicenseGrantRequest Grant, DateTime Deadline) : LicenseSignable(Deadline);

/// <summary>The licensor's <c>LicenseRevocation</c>, as <c>revokeWithSig</c> checks it.</summary>
/// <param name="LicenseId">uint256, decimal.</param>
/// <param name="ReasonHash">32 bytes: SHA-256 of the reason, zero without one.</param>
public sealed record RevocationSignable(string LicenseId, byte[] ReasonHash, DateTime Deadline) : LicenseSignable(Deadline);

/// <summary>
/// The licensee's <c>LicenseAcceptance</c> of an offer: never sent on chain (ADR 0012: offers are off chain), kept as
/// evidence. It binds the offer, its terms, the design's token and the accepting wallet, so it cannot be replayed for
/// another offer, other terms or another wallet.
/// </summary>
/// <param name="TokenId">uint256, decimal.</param>
/// <param name="TermsHash">32 bytes.</param>
/// <param name="Licensee">EIP-55: the wallet that accepts and will be named by the grant.</param>
public sealed record AcceptanceSignable(string OfferId, string TokenId, byte[] TermsHash, string Licensee, DateTime Deadline) : LicenseSignable(Deadline);

/// <summary>One contract event: where it sits on chain.</summary>
public sealed record ChainEventRecord(long ChainId, string Contract, string TxHash, long BlockNumber, int LogIndex);

/// <summary>The chain refused a licence operation for a reason retrying cannot fix.</summary>
public sealed class LicenseRefusedException(string reason, Exception? innerException = null)
    : Exception(reason, innerException);
