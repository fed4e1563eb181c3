namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// The contract events the chain indexer follows (docs/decisions/0016), decoded: DesignRegistry transfers (not the
/// mint, which is the registration the outbox records) and LicenseRegistry grants, revocations and derivative links.
/// Implemented in Vfip.Chain over <c>eth_getLogs</c>; nothing of Nethereum leaks past it.
/// </summary>
public interface IChainEventSource
{
    /// <summary>The chain and the contracts deployed on it that are followed (waits for the connection).</summary>
    Task<FollowedChain> GetFollowedChainAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The newest block with the configured confirmations (<c>Chain:Confirmations</c>): events up to it are settled,
    /// so a reorg shallower than that is never seen.
    /// </summary>
    Task<long> GetSettledBlockAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The followed events of <paramref name="contracts"/> in blocks <paramref name="fromBlock"/> to
    /// <paramref name="toBlock"/> (both included), in chain order (block number, log index), each with its block's time.
    /// </summary>
    Task<IReadOnlyList<ObservedChainEvent>> GetEventsAsync(
        IReadOnlyCollection<string> contracts, long fromBlock, long toBlock, CancellationToken cancellationToken);
}

/// <param name="Contracts">Each followed contract, with the block its events start at.</param>
public sealed record FollowedChain(long ChainId, IReadOnlyList<FollowedContract> Contracts);

/// <param name="Address">EIP-55.</param>
/// <param name="DeploymentBlock">Its deployment block (or an earlier one): no event of it comes before.</param>
public sealed record FollowedContract(string Address, long DeploymentBlock);

/// <summary>One event the indexer applies: where it sits on chain (<see cref="ChainEventRecord.Contract"/> is EIP-55) and its block's time (UTC).</summary>
public abstract record ObservedChainEvent(ChainEventRecord Chain, DateTime BlockTime);

/// <summary>DesignRegistry <c>Transfer</c> of <paramref name="TokenId"/> (uint256, decimal) to <paramref name="To"/> (EIP-55).</summary>
public sealed record ObservedTransfer(ChainEventRecord Chain, DateTime BlockTime, string TokenId, string To)
    : ObservedChainEvent(Chain, BlockTime);

/// <summary>LicenseRegistry <c>LicenseGranted</c>; ids are uint256 decimals, <paramref name="TermsHash"/> 0x hex, times Unix seconds (0 = open).</summary>
public sealed record ObservedLicenseGrant(
    ChainEventRecord Chain,
    DateTime BlockTime,
    string LicenseId,
    string TokenId,
    string Licensee,
    string ParentId,
    string TermsHash,
    long StartsAt,
    long EndsAt,
    bool Sublicensable,
    bool DerivativesAllowed) : ObservedChainEvent(Chain, BlockTime);

/// <summary>LicenseRegistry <c>LicenseRevoked</c>; ids are uint256 decimals.</summary>
public sealed record ObservedLicenseRevocation(ChainEventRecord Chain, DateTime BlockTime, string LicenseId, string TokenId)
    : ObservedChainEvent(Chain, BlockTime);

/// <summary>LicenseRegistry <c>DerivativeRegistered</c>; ids are uint256 decimals.</summary>
public sealed record ObservedDerivativeLink(ChainEventRecord Chain, DateTime BlockTime, string ChildTokenId, string ParentTokenId, string LicenseId)
    : ObservedChainEvent(Chain, BlockTime);
