using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Vfip.Fingerprinting.Indexing;

/// <summary>
/// Exact Hamming-radius search over 256-bit <see cref="PdqHash"/>es by multi-index hashing
/// (Norouzi, Punjani &amp; Fleet, "Fast Exact Search in Hamming Space with Multi-Index Hashing").
/// Each hash is cut into m substrings of about log2(n) bits, each indexed in its own table; by the
/// pigeonhole principle a hash within radius r of the query has some substring within ⌊r/m⌋ of the
/// query's, so probing those small Hamming balls and verifying candidates with a full popcount
/// finds every match, and nothing else. A search flattens all its (query, substring, ball key)
/// probes into one software-prefetched pipeline (see <see cref="SearchSegment"/>).
/// </summary>
/// <remarks>
/// <para>
/// Layout: the bulk of the entries lives in an immutable segment built in one pass (flat ulong
/// hash array, CSR postings per substring: 16-byte postings carrying 96 bits of each hash for
/// early rejection, on transparent huge pages where Linux allows; about 270–300 managed bytes per
/// hash at 1M–10M, see docs/benchmarks.md); single adds go to a
/// small overflow that is scanned linearly and folded into a rebuilt segment when it outgrows
/// 1/16 of the segment (at most 16,384 entries). Removal tombstones segment entries; a rebuild
/// purges them once they exceed a quarter of the segment.
/// </para>
/// <para>
/// Thread safety: any number of concurrent searches, plus writers. Searches take a
/// <see cref="ReaderWriterLockSlim"/> read lock (cheap, and searches never block each other);
/// writers are first serialised on a separate monitor and hold the write lock only for the
/// O(1) mutation or the final pointer swap. Rebuilds run outside the write lock, so a rebuild
/// of 10M entries (seconds) delays other writers but never searches — which matters because a
/// writer waiting on a <see cref="ReaderWriterLockSlim"/> would otherwise block new readers.
/// A rebuild briefly needs memory for both the old and the new segment.
/// </para>
/// </remarks>
public sealed class HashIndex
{
    private const int DefaultMinOverflow = 1024;
    private const int DefaultMaxOverflow = 16_384;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock _writeGate = new();
    private readonly int _minOverflow;
    private readonly int _maxOverflow;
    private readonly int? _fixedSubstringCount;

    private IndexSegment? _segment;
    private ulong[] _overflowHashes = [];
    private long[] _overflowIds = [];
    private int _overflowCount;
    private int _count;

    [ThreadStatic]
    private static List<EntryHit>? t_entryHits;

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>Creates an empty index.</summary>
    /// <param name="maxRadius">The largest radius queries may use (0..255); 31 is PDQ's match threshold.</param>
    public HashIndex(int maxRadius = 31)
        : this(maxRadius, DefaultMinOverflow, DefaultMaxOverflow, substringCount: null)
    {
    }

    /// <summary>Test hook: small overflow limits force the segment path on small data; a fixed m pins the layout.</summary>
    internal HashIndex(int maxRadius, int minOverflow, int maxOverflow, int? substringCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRadius);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRadius, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOverflow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOverflow, minOverflow);
        if (substringCount is { } m)
        {
            _ = SubstringLayout.Create(m); // validates
        }

        MaxRadius = maxRadius;
        _minOverflow = minOverflow;
        _maxOverflow = maxOverflow;
        _fixedSubstringCount = substringCount;
    }

    /// <summary>The largest radius <see cref="Search(PdqHash, int)"/> accepts.</summary>
    public int MaxRadius { get; }

    /// <summary>Number of stored (hash, id) entries.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Index size from which <see cref="SearchMany(ReadOnlySpan{PdqHash}, int, List{HashHit})"/> spreads its
    /// queries over the cores. Off by default: on the 2-core benchmark machine it did not pay at 1M
    /// or 10M (docs/benchmarks.md), and a server already runs concurrent requests on all cores.
    /// </summary>
    internal int ParallelThreshold { get; set; } = int.MaxValue;

    /// <summary>Builds an index from many entries in one pass (much faster than repeated <see cref="Add"/>).</summary>
    public static HashIndex Build(IEnumerable<(PdqHash Hash, long Id)> entries, int maxRadius = 31)
    {
        var index = new HashIndex(maxRadius);
        index.AddRange(entries);
        return index;
    }

    /// <summary>
    /// Benchmark hook: how many probes ahead the search pipeline prefetches bucket bounds and
    /// bucket lines (see <see cref="SearchSegment"/>).
    /// </summary>
    internal (int Offsets, int Postings) PrefetchDistances { get; set; } = (24, 12);

    /// <summary>Benchmark hook: bulk build with a pinned substring count.</summary>
    internal static HashIndex Build(IEnumerable<(PdqHash Hash, long Id)> entries, int maxRadius, int? substringCount)
    {
        var index = new HashIndex(maxRadius, DefaultMinOverflow, DefaultMaxOverflow, substringCount);
        index.AddRange(entries);
        return index;
    }

    /// <summary>Benchmark hook: bucket probes and candidates one search would visit, and the substring count in use.</summary>
    internal (long Probes, long Candidates, int Substrings) MeasureWork(PdqHash query, int radius)
    {
        _lock.EnterReadLock();
        try
        {
            if (_segment is not { } segment)
            {
                return (0, _overflowCount, 0);
            }

            long probes = 0, candidates = _overflowCount;
            var layout = segment.Layout;
            for (var j = 0; j < layout.Count && layout.ProbeRadius(j, radius) >= 0; j++)
            {
                var centre = layout.Extract(query.W0, query.W1, query.W2, query.W3, j);
                var ball = SubstringLayout.Ball(layout.Length[j], layout.ProbeRadius(j, radius));
                probes += ball.Length;
                foreach (var mask in ball)
                {
                    candidates += segment.Offsets[j][(centre ^ mask) + 1] - segment.Offsets[j][centre ^ mask];
                }
            }

            return (probes, candidates, layout.Count);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Stores <paramref name="hash"/> with the caller's <paramref name="id"/>. Duplicates of either are allowed.</summary>
    public void Add(PdqHash hash, long id)
    {
        lock (_writeGate)
        {
            _lock.EnterWriteLock();
            try
            {
                AppendOverflow(hash.W0, hash.W1, hash.W2, hash.W3, id);
                _count++;
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            if (_overflowCount >= OverflowLimit())
            {
                Rebuild([], [], 0);
            }
        }
    }

    /// <summary>Stores many entries; large batches are merged with a single rebuild instead of overflow appends.</summary>
    public void AddRange(IEnumerable<(PdqHash Hash, long Id)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);

        // Materialise before taking the gate: the enumerable may be slow or lazy.
        var capacity = entries.TryGetNonEnumeratedCount(out var known) ? known : 1024;
        var hashes = new ulong[capacity * 4];
        var ids = new long[capacity];
        var n = 0;
        foreach (var (hash, id) in entries)
        {
            if (n == ids.Length)
            {
                Array.Resize(ref hashes, hashes.Length * 2);
                Array.Resize(ref ids, ids.Length * 2);
            }

            hashes[n * 4] = hash.W0;
            hashes[(n * 4) + 1] = hash.W1;
            hashes[(n * 4) + 2] = hash.W2;
            hashes[(n * 4) + 3] = hash.W3;
            ids[n++] = id;
        }

        if (n == 0)
        {
            return;
        }

        lock (_writeGate)
        {
            if (_overflowCount + n < OverflowLimit())
            {
                _lock.EnterWriteLock();
                try
                {
                    for (var i = 0; i < n; i++)
                    {
                        AppendOverflow(hashes[i * 4], hashes[(i * 4) + 1], hashes[(i * 4) + 2], hashes[(i * 4) + 3], ids[i]);
                    }

                    _count += n;
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }
            else
            {
                Rebuild(hashes, ids, n);
            }
        }
    }

    /// <summary>Removes one entry equal to (<paramref name="hash"/>, <paramref name="id"/>); false when there is none.</summary>
    public bool Remove(PdqHash hash, long id)
    {
        lock (_writeGate)
        {
            bool removed;
            _lock.EnterWriteLock();
            try
            {
                removed = RemoveFromSegment(hash, id) || RemoveFromOverflow(hash, id);
                if (removed)
                {
                    _count--;
                }
            }
            finally
            {
                _lock.ExitWriteLock();
            }

            if (_segment is { } segment && segment.DeletedCount > Math.Max(_minOverflow, segment.Count / 4))
            {
                Rebuild([], [], 0);
            }

            return removed;
        }
    }

    /// <summary>Every stored entry within <paramref name="radius"/> (inclusive) of <paramref name="query"/>, each once, in no particular order.</summary>
    public IReadOnlyList<HashHit> Search(PdqHash query, int radius)
    {
        var results = new List<HashHit>();
        Search(query, radius, results);
        return results;
    }

    /// <summary>Appends to <paramref name="results"/> every stored entry within <paramref name="radius"/> (inclusive) of <paramref name="query"/>, each once.</summary>
    /// <remarks>Allocates nothing beyond growing <paramref name="results"/>.</remarks>
    public void Search(PdqHash query, int radius, List<HashHit> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        CheckRadius(radius);
        var sink = new HitSink(results);
        _lock.EnterReadLock();
        try
        {
            SearchCore(new ReadOnlySpan<PdqHash>(in query), radius, ref sink);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Searches several query hashes at once — typically the eight rotations/flips of one upload —
    /// and returns each stored entry within <paramref name="radius"/> of any of them once, with its
    /// smallest distance to any query.
    /// </summary>
    public IReadOnlyList<HashHit> SearchMany(ReadOnlySpan<PdqHash> queries, int radius)
    {
        var results = new List<HashHit>();
        SearchMany(queries, radius, results);
        return results;
    }

    /// <inheritdoc cref="SearchMany(ReadOnlySpan{PdqHash}, int)"/>
    /// <remarks>Appends to <paramref name="results"/>; runs on the calling thread.</remarks>
    public void SearchMany(ReadOnlySpan<PdqHash> queries, int radius, List<HashHit> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        CheckRadius(radius);
        if (queries.IsEmpty)
        {
            return;
        }

        var hits = t_entryHits ??= new List<EntryHit>();
        hits.Clear();
        _lock.EnterReadLock();
        try
        {
            if (queries.Length > 1 && _count >= ParallelThreshold && Environment.ProcessorCount > 1)
            {
                // The read lock held by this thread keeps writers out while the workers run; the
                // workers themselves must not touch the (thread-affine) lock.
                // Two halves of the queries, one per core, each one pipelined probe stream.
                var queryArray = queries.ToArray();
                var parts = Math.Min(Environment.ProcessorCount, queryArray.Length);
                var perQuery = new List<EntryHit>[parts];
                Parallel.For(0, parts, i =>
                {
                    var local = new List<EntryHit>();
                    var sink = new EntrySink(local);
                    var from = queryArray.Length * i / parts;
                    var to = queryArray.Length * (i + 1) / parts;
                    SearchCore(queryArray.AsSpan(from, to - from), radius, ref sink);
                    perQuery[i] = local;
                });
                foreach (var local in perQuery)
                {
                    hits.AddRange(local);
                }
            }
            else
            {
                var sink = new EntrySink(hits);
                SearchCore(queries, radius, ref sink);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        if (queries.Length > 1)
        {
            hits.Sort(EntryHitOrder.Instance);
        }

        for (var i = 0; i < hits.Count; i++)
        {
            if (i == 0 || hits[i].Entry != hits[i - 1].Entry)
            {
                results.Add(new HashHit(hits[i].Id, hits[i].Distance));
            }
        }

        hits.Clear();
    }

    private void CheckRadius(int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(radius, MaxRadius);
    }

    private int OverflowLimit() => Math.Clamp((_segment?.LiveCount ?? 0) / 16, _minOverflow, _maxOverflow);

    private void AppendOverflow(ulong w0, ulong w1, ulong w2, ulong w3, long id)
    {
        if (_overflowCount == _overflowIds.Length)
        {
            var capacity = Math.Max(64, _overflowIds.Length * 2);
            Array.Resize(ref _overflowHashes, capacity * 4);
            Array.Resize(ref _overflowIds, capacity);
        }

        var h = _overflowCount * 4;
        _overflowHashes[h] = w0;
        _overflowHashes[h + 1] = w1;
        _overflowHashes[h + 2] = w2;
        _overflowHashes[h + 3] = w3;
        _overflowIds[_overflowCount++] = id;
    }

    private bool RemoveFromSegment(PdqHash hash, long id)
    {
        if (_segment is not { } segment)
        {
            return false;
        }

        // An exact copy shares every substring, so substring 0's bucket holds it.
        var key = segment.Layout.Extract(hash.W0, hash.W1, hash.W2, hash.W3, 0);
        var offsets = segment.Offsets[0];
        var postings = segment.Postings[0];
        var hashes = segment.Hashes;
        for (var p = offsets[key]; p < offsets[key + 1]; p++)
        {
            var e = postings[p].Entry;
            var h = e * 4;
            if (segment.Ids[e] == id && hashes[h] == hash.W0 && hashes[h + 1] == hash.W1
                && hashes[h + 2] == hash.W2 && hashes[h + 3] == hash.W3 && !segment.IsDeleted(e))
            {
                segment.MarkDeleted(e);
                return true;
            }
        }

        return false;
    }

    private bool RemoveFromOverflow(PdqHash hash, long id)
    {
        var hashes = _overflowHashes;
        for (var i = 0; i < _overflowCount; i++)
        {
            var h = i * 4;
            if (_overflowIds[i] == id && hashes[h] == hash.W0 && hashes[h + 1] == hash.W1
                && hashes[h + 2] == hash.W2 && hashes[h + 3] == hash.W3)
            {
                // Swap-remove: overflow order carries no meaning.
                var last = --_overflowCount;
                Array.Copy(hashes, last * 4, hashes, h, 4);
                _overflowIds[i] = _overflowIds[last];
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Folds the live segment entries, the overflow and <paramref name="extraCount"/> new entries into a
    /// fresh segment. Caller holds the write gate, so nothing else mutates while we read without the lock.
    /// </summary>
    private void Rebuild(ulong[] extraHashes, long[] extraIds, int extraCount)
    {
        var old = _segment;
        var live = (old?.LiveCount ?? 0) + _overflowCount + extraCount;
        ulong[] hashes;
        long[] ids;
        if (old is null && _overflowCount == 0)
        {
            // Bulk build into an empty index: adopt the caller's arrays.
            hashes = extraHashes;
            ids = extraIds;
        }
        else
        {
            hashes = new ulong[live * 4];
            ids = new long[live];
            var n = 0;
            if (old is not null)
            {
                for (var e = 0; e < old.Count; e++)
                {
                    if (!old.IsDeleted(e))
                    {
                        Array.Copy(old.Hashes, e * 4, hashes, n * 4, 4);
                        ids[n++] = old.Ids[e];
                    }
                }
            }

            Array.Copy(_overflowHashes, 0, hashes, n * 4, _overflowCount * 4);
            Array.Copy(_overflowIds, 0, ids, n, _overflowCount);
            n += _overflowCount;
            Array.Copy(extraHashes, 0, hashes, n * 4, extraCount * 4);
            Array.Copy(extraIds, 0, ids, n, extraCount);
        }

        var layout = SubstringLayout.Create(_fixedSubstringCount ?? SubstringLayout.ChooseCount(live, MaxRadius));
        var segment = live == 0 ? null : IndexSegment.Build(layout, hashes, ids, live);

        _lock.EnterWriteLock();
        try
        {
            _segment = segment;
            _overflowCount = 0;
            _count = live;
            if (_overflowIds.Length > 4 * _minOverflow)
            {
                _overflowHashes = [];
                _overflowIds = [];
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private void SearchCore<TSink>(ReadOnlySpan<PdqHash> queries, int radius, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var segment = _segment;
        var baseEntries = 0;
        if (segment is not null)
        {
            // Chunks bound the scratch buffers and keep (query, substring) tags well inside 23 bits.
            for (var from = 0; from < queries.Length; from += QueriesPerPipeline)
            {
                var chunk = queries[from..Math.Min(queries.Length, from + QueriesPerPipeline)];
                SearchSegment(segment, chunk, radius, PrefetchDistances, ref sink);
            }

            baseEntries = segment.Count;
        }

        var hashes = _overflowHashes;
        var ids = _overflowIds;
        var overflowCount = _overflowCount;
        foreach (var query in queries)
        {
            ulong q0 = query.W0, q1 = query.W1, q2 = query.W2, q3 = query.W3;
            for (var i = 0; i < overflowCount; i++)
            {
                var h = i * 4;
                var d = BitOperations.PopCount(hashes[h] ^ q0) + BitOperations.PopCount(hashes[h + 1] ^ q1)
                    + BitOperations.PopCount(hashes[h + 2] ^ q2) + BitOperations.PopCount(hashes[h + 3] ^ q3);
                if (d <= radius)
                {
                    sink.Add(baseEntries + i, ids[i], d);
                }
            }
        }
    }

    /// <summary>
    /// Probes every (query, substring, ball key) of the request as one software pipeline. At 1M+
    /// entries nearly every offsets and postings access is a cache miss, and a probe is two dependent
    /// misses (bucket bounds, then the bucket), so the loop prefetches the bounds
    /// <see cref="PrefetchDistances"/> keys ahead (24) and the bucket lines 12 keys
    /// ahead of the key whose postings it is filtering: tens of misses are in flight instead of the
    /// few the out-of-order window finds by itself. Postings whose 96 inline bits already exceed the
    /// radius are dropped; the few survivors are verified against the full hash in a second,
    /// likewise prefetched pass.
    /// </summary>
    private static void SearchSegment<TSink>(IndexSegment segment, ReadOnlySpan<PdqHash> queries, int radius, (int Offsets, int Postings) distances, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var offsetsAhead = distances.Offsets;
        var postingsAhead = distances.Postings;
        var layout = segment.Layout;
        var m = layout.Count;
        var scratch = t_scratch ??= new Scratch();

        // Per (query, substring) "tag": the query's 96 check bits for that substring's postings.
        var tagCount = queries.Length * m;
        var checkA = scratch.CheckA(tagCount);
        var checkB = scratch.CheckB(tagCount);
        var keyCount = 0;
        for (var q = 0; q < queries.Length; q++)
        {
            var query = queries[q];
            for (var j = 0; j < m; j++)
            {
                var s = layout.ProbeRadius(j, radius);
                if (s < 0)
                {
                    break; // probe radii only decrease with j
                }

                var (wordA, wordB) = layout.PartialWords(j);
                checkA[(q * m) + j] = Word(query, wordA);
                checkB[(q * m) + j] = (uint)Word(query, wordB);
                keyCount += SubstringLayout.Ball(layout.Length[j], s).Length;
            }
        }

        // Flatten the request into (key, tag) probes.
        var keys = scratch.Keys(keyCount);
        var tags = scratch.Tags(keyCount);
        var k = 0;
        for (var q = 0; q < queries.Length; q++)
        {
            var query = queries[q];
            for (var j = 0; j < m; j++)
            {
                var s = layout.ProbeRadius(j, radius);
                if (s < 0)
                {
                    break;
                }

                var centre = layout.Extract(query.W0, query.W1, query.W2, query.W3, j);
                var tag = (((q * m) + j) << 8) | j; // substring in the low byte: no division per probe
                foreach (var mask in SubstringLayout.Ball(layout.Length[j], s))
                {
                    keys[k] = centre ^ mask;
                    tags[k++] = tag;
                }
            }
        }

        var offsetTables = segment.Offsets;
        var postingTables = segment.Postings;
        var survivors = scratch.Survivors;
        var survivorTags = scratch.SurvivorTags;
        var survivorCount = 0;
        ref var keys0 = ref MemoryMarshal.GetArrayDataReference(keys);
        ref var tags0 = ref MemoryMarshal.GetArrayDataReference(tags);
        var starts = scratch.Starts(keyCount);
        var ends = scratch.Ends(keyCount);
        ref var starts0 = ref MemoryMarshal.GetArrayDataReference(starts);
        ref var ends0 = ref MemoryMarshal.GetArrayDataReference(ends);

        for (var p = 0; p < offsetsAhead && p < keyCount; p++)
        {
            var j = Unsafe.Add(ref tags0, p) & 0xFF;
            Prefetch(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(offsetTables[j]), Unsafe.Add(ref keys0, p)));
        }

        for (var i = 0; i < keyCount + postingsAhead; i++)
        {
            if (i < keyCount)
            {
                // Stage 1: prefetch a later key's bucket bounds; read this key's (prefetched earlier) and prefetch its bucket.
                var ahead = i + offsetsAhead;
                if (ahead < keyCount)
                {
                    var ja = Unsafe.Add(ref tags0, ahead) & 0xFF;
                    Prefetch(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(offsetTables[ja]), Unsafe.Add(ref keys0, ahead)));
                }

                var j = Unsafe.Add(ref tags0, i) & 0xFF;
                ref var slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(offsetTables[j]), Unsafe.Add(ref keys0, i));
                var start = slot;
                var end = Unsafe.Add(ref slot, 1);
                Unsafe.Add(ref starts0, i) = start;
                Unsafe.Add(ref ends0, i) = end;
                if (end > start)
                {
                    ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(postingTables[j]), start);
                    Prefetch(ref first);
                    var lines = Math.Min(end - start - 1, MaxPrefetchPostings) >> 2;
                    for (var l = 1; l <= lines; l++)
                    {
                        Prefetch(ref Unsafe.Add(ref first, l * 4));
                    }
                }
            }

            // Stage 2: filter the postings of the key postingsAhead back on their inline bits.
            var c = i - postingsAhead;
            if (c >= 0)
            {
                var cStart = Unsafe.Add(ref starts0, c);
                var cEnd = Unsafe.Add(ref ends0, c);
                if (cEnd > cStart)
                {
                    var tag = Unsafe.Add(ref tags0, c);
                    var qa = checkA[tag >> 8];
                    var qb = checkB[tag >> 8];
                    ref var posting = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(postingTables[tag & 0xFF]), cStart);
                    for (var n = cEnd - cStart; n > 0; n--, posting = ref Unsafe.Add(ref posting, 1))
                    {
                        if (BitOperations.PopCount(posting.PartA ^ qa) + BitOperations.PopCount(posting.PartB ^ qb) <= radius)
                        {
                            if (survivorCount == survivors.Length)
                            {
                                (survivors, survivorTags) = scratch.GrowSurvivors();
                            }

                            survivors[survivorCount] = posting.Entry;
                            survivorTags[survivorCount++] = tag;
                        }
                    }
                }
            }
        }

        // Verify the survivors on the full hash (prefetched a few ahead: each is a random access).
        var hashes = segment.Hashes;
        ref var hashes0 = ref MemoryMarshal.GetArrayDataReference(hashes);
        for (var i = 0; i < SurvivorsAhead && i < survivorCount; i++)
        {
            Prefetch(ref Unsafe.Add(ref hashes0, survivors[i] * 4));
        }

        for (var i = 0; i < survivorCount; i++)
        {
            if (i + SurvivorsAhead < survivorCount)
            {
                Prefetch(ref Unsafe.Add(ref hashes0, survivors[i + SurvivorsAhead] * 4));
            }

            var e = survivors[i];
            var tag = survivorTags[i];
            var query = queries[(tag >> 8) / m];
            var h = e * 4;
            ulong x0 = hashes[h] ^ query.W0, x1 = hashes[h + 1] ^ query.W1, x2 = hashes[h + 2] ^ query.W2, x3 = hashes[h + 3] ^ query.W3;
            var d = BitOperations.PopCount(x0) + BitOperations.PopCount(x1) + BitOperations.PopCount(x2) + BitOperations.PopCount(x3);
            if (d > radius || segment.IsDeleted(e) || FoundInEarlierSubstring(layout, x0, x1, x2, x3, tag & 0xFF, radius))
            {
                continue;
            }

            sink.Add(e, segment.Ids[e], d);
        }
    }

    private const int QueriesPerPipeline = 16;
    private const int SurvivorsAhead = 8;

    /// <summary>Bucket lines beyond the first that stage 1 prefetches (in postings); longer buckets are left to the hardware prefetcher.</summary>
    private const int MaxPrefetchPostings = 12;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch<T>(ref T location)
    {
        // A prefetch is only a hint and never faults, so a stale address after a GC move is harmless.
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }

    private static ulong Word(PdqHash hash, int index) =>
        index switch { 0 => hash.W0, 1 => hash.W1, 2 => hash.W2, _ => hash.W3 };

    /// <summary>
    /// An entry can sit in the probed balls of several substrings; report it only from the first
    /// one, which needs no per-query state (no visited set to allocate or clear).
    /// </summary>
    private static bool FoundInEarlierSubstring(SubstringLayout layout, ulong x0, ulong x1, ulong x2, ulong x3, int j, int radius)
    {
        for (var i = 0; i < j; i++)
        {
            if (layout.SubstringDistance(x0, x1, x2, x3, i) <= layout.ProbeRadius(i, radius))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Per-thread buffers for <see cref="SearchSegment"/>, grown on demand and kept, so searches do not allocate.</summary>
    private sealed class Scratch
    {
        private uint[] _keys = new uint[4096];
        private int[] _tags = new int[4096];
        private int[] _starts = new int[4096];
        private int[] _ends = new int[4096];
        private ulong[] _checkA = new ulong[256];
        private uint[] _checkB = new uint[256];

        public int[] Survivors { get; private set; } = new int[1024];

        public int[] SurvivorTags { get; private set; } = new int[1024];

        public uint[] Keys(int count) => _keys.Length >= count ? _keys : _keys = new uint[count];

        public int[] Tags(int count) => _tags.Length >= count ? _tags : _tags = new int[count];

        public int[] Starts(int count) => _starts.Length >= count ? _starts : _starts = new int[count];

        public int[] Ends(int count) => _ends.Length >= count ? _ends : _ends = new int[count];

        public ulong[] CheckA(int count) => _checkA.Length >= count ? _checkA : _checkA = new ulong[count];

        public uint[] CheckB(int count) => _checkB.Length >= count ? _checkB : _checkB = new uint[count];

        public (int[] Survivors, int[] Tags) GrowSurvivors()
        {
            var survivors = Survivors;
            var tags = SurvivorTags;
            Array.Resize(ref survivors, survivors.Length * 2);
            Array.Resize(ref tags, tags.Length * 2);
            Survivors = survivors;
            SurvivorTags = tags;
            return (survivors, tags);
        }
    }

    private interface IHitSink
    {
        void Add(int entry, long id, int distance);
    }

    private readonly struct HitSink(List<HashHit> results) : IHitSink
    {
        public void Add(int entry, long id, int distance) => results.Add(new HashHit(id, distance));
    }

    private readonly struct EntrySink(List<EntryHit> results) : IHitSink
    {
        public void Add(int entry, long id, int distance) => results.Add(new EntryHit(entry, id, distance));
    }

    private readonly record struct EntryHit(int Entry, long Id, int Distance);

    /// <summary>By entry, then distance; a cached instance because List.Sort(Comparison) allocates a wrapper per call.</summary>
    private sealed class EntryHitOrder : IComparer<EntryHit>
    {
        public static readonly EntryHitOrder Instance = new();

        public int Compare(EntryHit a, EntryHit b) =>
            a.Entry != b.Entry ? a.Entry.CompareTo(b.Entry) : a.Distance.CompareTo(b.Distance);
    }
}
