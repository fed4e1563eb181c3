namespace Vfip.Application.Common.Indexing;

/// <summary>
/// How far the chain indexer has applied one contract's events: every event in blocks before <see cref="NextBlock"/>
/// is in the read model. Moved only after the events it covers are applied, so a restart resumes here and never skips
/// one (it may re-apply the last range, which the observing use cases shrug off).
/// </summary>
public sealed class ChainCursor
{
    private ChainCursor()
    {
    }

    public long ChainId { get; private set; }

    /// <summary>The contract's address (EIP-55). A redeployed contract has a new address, hence a cursor of its own.</summary>
    public string Contract { get; private set; } = null!;

    /// <summary>The first block whose events are not applied yet.</summary>
    public long NextBlock { get; private set; }

    public static ChainCursor Create(long chainId, string contract, long nextBlock) =>
        new() { ChainId = chainId, Contract = contract, NextBlock = nextBlock };
}
