namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// A design token's history as the contracts' events tell it, read from the chain itself, so what owners do directly
/// on chain (a transfer from a wallet, a wallet-signed grant) appears too.
/// </summary>
public interface IChainHistory
{
    /// <summary>Every event about <paramref name="tokenId"/> on both contracts, oldest first (block number, log index).</summary>
    Task<IReadOnlyList<ChainHistoryEvent>> GetTokenHistoryAsync(string tokenId, CancellationToken cancellationToken);
}

/// <summary>One event about a token. Fields that do not apply to <paramref name="Kind"/> are null.</summary>
/// <param name="Kind"><c>registered</c>, <c>transferred</c>, <c>royalty_set</c>, <c>license_granted</c>, <c>license_revoked</c>,
/// <c>derivative_registered</c> (this token derives from <paramref name="ParentTokenId"/>) or <c>derivative_of</c>
/// (<paramref name="ChildTokenId"/> derives from this token).</param>
public sealed record ChainHistoryEvent(
    string Kind,
    ChainEventRecord Chain,
    string? From = null,
    string? To = null,
    string? LicenseId = null,
    string? TermsHash = null,
    string? ParentTokenId = null,
    string? ChildTokenId = null,
    string? RoyaltyReceiver = null,
    int? RoyaltyBps = null);
