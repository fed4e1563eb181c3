using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Vfip.Application.Features.Verification.Rules;

/// <summary>Configuration section <c>Verification:ReadModel</c>: the per-replica rights cache (ADR 0014).</summary>
public sealed class RightsReadModelOptions
{
    public const string Section = "Verification:ReadModel";

    /// <summary>Designs held at most; the least recently used quarter is dropped when it is full.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>How often a replica reads the change feed for other replicas' changes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The bound: a change committed anywhere is never served stale for longer than this. When the change feed has not
    /// been read successfully for this long, the cache stops answering and every verification reads the database.
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Change-feed rows older than this (as each replica saw them) are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// The in-memory, per-replica rights read model: one <see cref="DesignRights"/> snapshot per design, loaded from the
/// database on first use, bounded, and dropped when the design or any of its licences changes: at once by this
/// replica's own commits (the DbContext reports them), and within <see cref="RightsReadModelOptions.MaxStaleness"/> for
/// other replicas' commits (the change feed reports them, <see cref="MarkSynced"/> says it was read).
/// </summary>
/// <remarks>
/// A snapshot loaded while a change commits must not be kept after that change's invalidation: every invalidation
/// bumps a generation, and a load is kept only when no invalidation happened between its start and its end.
/// Staleness is measured on <paramref name="monotonic"/> (real elapsed time), never on the business clock that tests
/// move around.
/// </remarks>
public sealed class RightsReadModel(RightsReadModelOptions options, TimeProvider monotonic)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _generation;
    private long _syncedAt;
    private bool _synced;

    public RightsReadModel(IOptions<RightsReadModelOptions> options)
        : this(options.Value, TimeProvider.System)
    {
    }

    public RightsReadModelOptions Options => options;

    /// <summary>Designs held now.</summary>
    public int Count => _entries.Count;

    /// <summary>True while the change feed has been read recently enough for cached snapshots to be served.</summary>
    public bool IsServing
    {
        get
        {
            lock (_gate)
            {
                return _synced && monotonic.GetElapsedTime(_syncedAt) <= options.MaxStaleness;
            }
        }
    }

    /// <summary>
    /// The design's rights: from memory when held and the feed is fresh, else from <paramref name="load"/> (kept for
    /// next time unless something changed meanwhile). Null when the design does not exist (not kept).
    /// </summary>
    public async Task<DesignRights?> GetAsync(string designId, Func<CancellationToken, Task<DesignRights?>> load, CancellationToken cancellationToken)
    {
        long generation;
        lock (_gate)
        {
            if (!_synced || monotonic.GetElapsedTime(_syncedAt) > options.MaxStaleness)
            {
                generation = -1;
            }
            else if (_entries.TryGetValue(designId, out var held))
            {
                held.LastUsed = Environment.TickCount64;
                return held.Rights;
            }
            else
            {
                generation = _generation;
            }
        }

        var rights = await load(cancellationToken);
        if (rights is null || generation < 0)
        {
            return rights;
        }

        lock (_gate)
        {
            if (generation == _generation)
            {
                _entries[designId] = new Entry(rights) { LastUsed = Environment.TickCount64 };
                EvictIfFull();
            }
        }

        return rights;
    }

    /// <summary>Drops the snapshots of designs that changed (called after the change committed).</summary>
    public void Invalidate(IEnumerable<string> designIds)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var id in designIds)
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    /// <summary>
    /// The change feed was read completely by a poll that started at <paramref name="startedAt"/> (a
    /// <see cref="TimeProvider.GetTimestamp"/> of the same clock), and its changes were invalidated. After a gap longer
    /// than the bound, everything is dropped: changes may have been pruned from the feed unseen meanwhile.
    /// </summary>
    public void MarkSynced(long startedAt)
    {
        lock (_gate)
        {
            if (!_synced || monotonic.GetElapsedTime(_syncedAt) > options.MaxStaleness)
            {
                _generation++;
                _entries.Clear();
            }

            _syncedAt = startedAt;
            _synced = true;
        }
    }

    /// <summary>A timestamp on the clock <see cref="MarkSynced"/> expects.</summary>
    public long Now() => monotonic.GetTimestamp();

    /// <summary>Real time elapsed since a <see cref="Now"/> timestamp.</summary>
    public TimeSpan ElapsedSince(long timestamp) => monotonic.GetElapsedTime(timestamp);

    private void EvictIfFull()
    {
        if (_entries.Count <= options.Capacity)
        {
            return;
        }

        // Amortised: drop down to three quarters, least recently used first, so this runs once per Capacity/4 loads.
        var keep = options.Capacity * 3 / 4;
        foreach (var (id, _) in _entries.OrderBy(e => e.Value.LastUsed).Take(_entries.Count - keep).ToList())
        {
            _entries.TryRemove(id, out _);
        }
    }

    private sealed class Entry(DesignRights rights)
    {
        public DesignRights Rights { get; } = rights;

        public long LastUsed { get; set; }
    }
}
