namespace Vfip.Infrastructure.Background.Indexing;

/// <summary>Configuration section <c>Indexer</c>.</summary>
public sealed class IndexerOptions
{
    public const string Section = "Indexer";

    /// <summary>Whether this process may index. Of the processes that may, one at a time does (the <c>chain-indexer</c> lease).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the chain is polled for new events.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the indexing lease lasts without renewal: how soon another replica takes over after a crash.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most blocks asked for in one <c>eth_getLogs</c> (public RPC providers cap the range).</summary>
    public int MaxBlockRange { get; set; } = 5_000;
}
