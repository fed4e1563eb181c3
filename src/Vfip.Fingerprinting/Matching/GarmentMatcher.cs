using Vfip.Fingerprinting.Indexing;

namespace Vfip.Fingerprinting;

/// <summary>
/// In-memory identification index over registered images' <see cref="GarmentSignals"/>:
/// "is this upload one of ours, and which?". Candidates come from exact Hamming-radius searches
/// (<see cref="HashIndex"/>) on each signal; each candidate is then judged by
/// <see cref="MatchRule"/> on all its signals together, so a match needs evidence that one
/// noisy signal alone would not give.
/// </summary>
/// <remarks>
/// Thread-safe: any number of concurrent <see cref="Match"/>/<see cref="MatchPdq"/> calls plus
/// occasional <see cref="Add"/>/<see cref="Remove"/>. A writer holds the write lock across the
/// three index updates so that a reader never sees an image half-added.
/// </remarks>
public sealed class GarmentMatcher
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<long, GarmentSignals> _images = [];
    private readonly HashIndex _pdq = new(MatchRule.MaxRadius);
    private readonly HashIndex _content = new(MatchRule.MaxRadius);
    private readonly HashIndex _shape = new(MatchRule.MaxRadius);

    /// <summary>Number of registered images.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _images.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>
    /// Registers <paramref name="signals"/> under <paramref name="imageKey"/>, replacing whatever
    /// that key held. Low-quality images are remembered (so <see cref="Remove"/> works) but never match.
    /// </summary>
    public void Add(long imageKey, GarmentSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        _lock.EnterWriteLock();
        try
        {
            RemoveCore(imageKey);
            _images[imageKey] = signals;
            if (signals.IsLowQuality)
            {
                return;
            }

            if (signals.Quality >= ImageFingerprint.MinimumMatchableQuality)
            {
                _pdq.Add(signals.Pdq, imageKey);
            }

            if (signals.HasContentSignals && signals.ContentQuality >= MatchRule.MinContentQuality)
            {
                _content.Add(signals.Content, imageKey);
                _content.Add(signals.Inner, imageKey);
                _content.Add(signals.CanvasInner, imageKey);
                _shape.Add(signals.Shape, imageKey);
                if (signals.AlignedContent != signals.Content)
                {
                    _content.Add(signals.AlignedContent, imageKey);
                }

                if (signals.AlignedShape != signals.Shape)
                {
                    _shape.Add(signals.AlignedShape, imageKey);
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Forgets <paramref name="imageKey"/>; nothing happens if it is unknown.</summary>
    public void Remove(long imageKey)
    {
        _lock.EnterWriteLock();
        try
        {
            RemoveCore(imageKey);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// Registered images that <paramref name="query"/> matches: only those the decision rule
    /// accepts (never padded to a fixed count), best first, one entry per image key. Empty for a
    /// low-quality query.
    /// </summary>
    public IReadOnlyList<GarmentMatch> Match(QuerySignals query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Signals.IsLowQuality)
        {
            return [];
        }

        var candidates = new HashSet<long>();
        var hits = new List<HashHit>();
        _lock.EnterReadLock();
        try
        {
            if (query.Signals.Quality >= ImageFingerprint.MinimumMatchableQuality)
            {
                // Wider than PdqRadius: a PDQ this close is evidence together with a close content hash.
                _pdq.SearchMany(Span(query.Pdq), MatchRule.PdqWithContentRadius, hits);
            }

            if (query.Signals.HasContentSignals && query.Signals.ContentQuality >= MatchRule.MinContentQuality)
            {
                _content.SearchMany(Span(query.Content), MatchRule.ContentRadius, hits);
                _content.SearchMany(Span(query.Inner), MatchRule.ContentRadius, hits);
                _content.SearchMany(Span(query.AlignedContent), MatchRule.ContentRadius, hits);
                _content.SearchMany(Span(query.Canvas), MatchRule.ContentRadius, hits);
                if (query.PanelContent is { } panelContent)
                {
                    _content.SearchMany(Span(panelContent), MatchRule.ContentRadius, hits);
                }

                if (query.CoreContent is { } coreContent)
                {
                    _content.SearchMany(Span(coreContent), MatchRule.ContentRadius, hits);
                }

                foreach (var turned in query.TurnedContent)
                {
                    _content.SearchMany(Span(turned), MatchRule.TurnedRadius, hits);
                }

                if (query.PanelShape is { } panelShape)
                {
                    _shape.SearchMany(Span(panelShape), MatchRule.ShapeRadius, hits);
                }
                _shape.SearchMany(Span(query.Shape), MatchRule.ShapeRadius, hits);
                _shape.SearchMany(Span(query.AlignedShape), MatchRule.ShapeRadius, hits);
            }

            foreach (var hit in hits)
            {
                candidates.Add(hit.Id);
            }

            var matches = new List<GarmentMatch>();
            foreach (var key in candidates)
            {
                if (_images.TryGetValue(key, out var registered) && MatchRule.Judge(query, registered) is { } evidence)
                {
                    matches.Add(new GarmentMatch(key, evidence.Distance, MatchRule.Score(evidence.Distance), evidence.Transform));
                }
            }

            return Sorted(matches);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Matches precomputed whole-image PDQ hashes only (a platform that hashes on its side). When
    /// exactly eight hashes are given they are taken as the dihedral variants in
    /// <see cref="DihedralTransform"/> order; otherwise each is treated as <see cref="DihedralTransform.Original"/>.
    /// Whole-image PDQ alone is weaker than <see cref="Match"/>: it misses re-framed copies.
    /// </summary>
    public IReadOnlyList<GarmentMatch> MatchPdq(IReadOnlyList<PdqHash> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var best = new Dictionary<long, GarmentMatch>();
        var hits = new List<HashHit>();
        _lock.EnterReadLock();
        try
        {
            for (var i = 0; i < hashes.Count; i++)
            {
                // An all-zero hash is what a flat or tiny image hashes to: it carries no evidence.
                if (hashes[i] == default)
                {
                    continue;
                }

                hits.Clear();
                _pdq.Search(hashes[i], MatchRule.PdqOnlyRadius, hits);
                var transform = hashes.Count == 8 ? (DihedralTransform)i : DihedralTransform.Original;
                foreach (var hit in hits)
                {
                    if (!best.TryGetValue(hit.Id, out var current) || hit.Distance < current.Distance)
                    {
                        best[hit.Id] = new GarmentMatch(hit.Id, hit.Distance, MatchRule.Score(hit.Distance), transform);
                    }
                }
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return Sorted([.. best.Values]);
    }

    private void RemoveCore(long imageKey)
    {
        if (!_images.Remove(imageKey, out var old))
        {
            return;
        }

        // Remove exactly what Add stored; Remove of an absent entry is a harmless false.
        _pdq.Remove(old.Pdq, imageKey);
        _content.Remove(old.Content, imageKey);
        _content.Remove(old.Inner, imageKey);
        _content.Remove(old.CanvasInner, imageKey);
        _shape.Remove(old.Shape, imageKey);
        if (old.AlignedContent != old.Content)
        {
            _content.Remove(old.AlignedContent, imageKey);
        }

        if (old.AlignedShape != old.Shape)
        {
            _shape.Remove(old.AlignedShape, imageKey);
        }
    }

    private static ReadOnlySpan<PdqHash> Span(PdqDihedralHashes hashes) =>
        hashes.Hashes is PdqHash[] array ? array : hashes.Hashes.ToArray();

    private static List<GarmentMatch> Sorted(List<GarmentMatch> matches)
    {
        matches.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.ImageKey.CompareTo(b.ImageKey));
        return matches;
    }
}
