using BenchmarkDotNet.Attributes;
using Vfip.Fingerprinting;
using Vfip.Fingerprinting.Indexing;

namespace Vfip.Benchmarks;

/// <summary>
/// One identify request (8 query hashes, radius 31, exact) against the multi-index versus a linear
/// popcount scan of the same stored hashes. The scan is the baseline, so the Ratio column is
/// index time / scan time.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class HashIndexBenchmarks
{
    private const int Radius = 31;
    private const int QuerySetSize = 256;

    private HashData _data = null!;
    private HashIndex _index = null!;
    private (PdqHash[] Hashes, ulong[] Words)[] _queries = null!;
    private readonly List<HashHit> _results = [];
    private int _next;

    /// <summary>Stored hashes.</summary>
    [Params(1_000_000, 10_000_000)]
    public int Size { get; set; }

    /// <summary>Stored-hash distribution.</summary>
    [Params(Distribution.Uniform, Distribution.Clustered)]
    public Distribution Data { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = HashData.Create(Size, Data, seed: 42);
        _index = HashIndex.Build(_data.Hashes.Select((h, i) => (h, (long)i)));
        var rng = new Random(7);
        _queries = Enumerable.Range(0, QuerySetSize).Select(_ => _data.IdentifyQuery(rng)).ToArray();
    }

    [Benchmark(Baseline = true, Description = "linear scan, 8 hashes, 1 core")]
    public int LinearScan() => _data.LinearScan(NextQuery().Words, Radius);

    [Benchmark(Description = "MIH SearchMany, 1 core")]
    public int MultiIndexOneCore()
    {
        _index.ParallelThreshold = int.MaxValue;
        _results.Clear();
        _index.SearchMany(NextQuery().Hashes, Radius, _results);
        return _results.Count;
    }

    [Benchmark(Description = "MIH SearchMany, 2 cores")]
    public int MultiIndexTwoCores()
    {
        _index.ParallelThreshold = 0;
        _results.Clear();
        _index.SearchMany(NextQuery().Hashes, Radius, _results);
        return _results.Count;
    }

    private (PdqHash[] Hashes, ulong[] Words) NextQuery() => _queries[_next++ % QuerySetSize];
}
