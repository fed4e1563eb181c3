namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// The on-chain design registry (the source of truth for ownership), as the Application sees it.
/// Implemented in Vfip.Chain; nothing of Nethereum leaks past this interface.
/// </summary>
public interface IDesignRegistry
{
    /// <summary>
    /// Registers a design on chain and waits for the configured confirmations. When the content hash is
    /// already registered (for example after a crash between send and record), it returns the existing
    /// registration instead of failing, so the caller can retry safely; the caller checks the owner.
    /// </summary>
    Task<ChainRegistration> RegisterAsync(DesignRegistration registration, CancellationToken cancellationToken);

    /// <summary>The registration of a content hash, or null when the chain has none.</summary>
    Task<ChainRegistration?> FindAsync(byte[] contentHash, CancellationToken cancellationToken);

    /// <summary>
    /// Relays a registration the owner signed (EIP-712, <c>registerWithSig</c>) and waits for the configured
    /// confirmations; the registrar pays the gas. Idempotent like <see cref="RegisterAsync"/>. Throws
    /// <see cref="RegistrationRefusedException"/> when the chain refuses the signature for good (expired, not the owner's).
    /// </summary>
    Task<ChainRegistration> RelaySignedAsync(DesignRegistration registration, DateTime deadline, string signature, CancellationToken cancellationToken);

    /// <summary>The EIP-712 typed data (the JSON <c>eth_signTypedData_v4</c> takes) the owner signs for a registration.</summary>
    Task<string> TypedDataToSignAsync(DesignRegistration registration, DateTime deadline, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="signature"/> is the owner's EIP-712 signature of the registration on this chain and contract.</summary>
    Task<bool> IsSignedByOwnerAsync(DesignRegistration registration, DateTime deadline, string signature, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the token from the custodial address <paramref name="fromAddress"/> to <paramref name="toAddress"/>
    /// (ERC-721 <c>transferFrom</c>, signed for <paramref name="fromAddress"/> by <see cref="ICustodialSigner"/>; the
    /// registrar first tops that address up with the gas it needs). Idempotent: when the token already belongs to
    /// <paramref name="toAddress"/>, the last Transfer event to it is returned.
    /// </summary>
    Task<ChainEventRecord> TransferAsync(string tokenId, string fromAddress, string toAddress, CancellationToken cancellationToken);

    /// <summary>The id of the configured chain (once the connection is up).</summary>
    Task<long> GetChainIdAsync(CancellationToken cancellationToken);
}

/// <summary>The chain refused a registration for a reason retrying cannot fix (a bad or expired owner signature).</summary>
public sealed class RegistrationRefusedException(string reason, Exception? innerException = null)
    : Exception(reason, innerException);

/// <summary>What the service asks the chain to record for one design.</summary>
/// <param name="OwnerAddress">EIP-55 address that will own the token.</param>
/// <param name="ContentHash">32 bytes; the token id is this hash read as a uint256.</param>
/// <param name="Fingerprints">One 32-byte perceptual hash (PDQ) per image, in image order.</param>
/// <param name="MetadataHash">SHA-256 of the design's metadata document.</param>
/// <param name="MetadataUri">Where the metadata document is served.</param>
public sealed record DesignRegistration(
    string OwnerAddress,
    byte[] ContentHash,
    IReadOnlyList<byte[]> Fingerprints,
    byte[] MetadataHash,
    string MetadataUri)
{
    /// <summary>EIP-2981 royalty in basis points, paid to <see cref="OwnerAddress"/>; null sets none (plain <c>register</c>).</summary>
    public int? RoyaltyBps { get; init; }
}

/// <summary>Where and how a design's registration sits on chain.</summary>
/// <param name="TokenId">uint256 as a decimal string.</param>
/// <param name="Owner">The token's current owner, EIP-55.</param>
public sealed record ChainRegistration(
    long ChainId,
    string Contract,
    string TokenId,
    string TxHash,
    long BlockNumber,
    int LogIndex,
    string Owner);
