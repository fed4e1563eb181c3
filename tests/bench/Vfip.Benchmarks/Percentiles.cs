using System.Diagnostics;
using System.Globalization;
using Vfip.Fingerprinting;
using Vfip.Fingerprinting.Indexing;

namespace Vfip.Benchmarks;

/// <summary>
/// `-- percentiles`: BenchmarkDotNet reports means and medians, but the latency target is a p99,
/// so this times 10,000 identify requests one by one with <see cref="Stopwatch"/> per configuration
/// and also reports build time and managed bytes per stored hash.
/// </summary>
internal static class Percentiles
{
    private const int Radius = 31;

    public static void Run(string[] args)
    {
        var queries = Option(args, "--queries", 10_000);
        var substrings = Option(args, "--substrings", 0);
        var sizes = new List<int>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                i++; // skip the option's value
            }
            else
            {
                sizes.Add(int.Parse(args[i], CultureInfo.InvariantCulture));
            }
        }

        if (sizes.Count == 0)
        {
            sizes = [1_000_000, 10_000_000];
        }

        Console.WriteLine($"# identify latency: 8 query hashes, radius {Radius}, {queries} requests per row; {Environment.ProcessorCount} cores, {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine("| stored | data | build s | MB managed | bytes/hash | mode | p50 ms | p99 ms | p99.9 ms | max ms | mean hits | linear scan p50 ms | scan p50 / index p50 |");
        Console.WriteLine("|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            foreach (var distribution in new[] { Distribution.Uniform, Distribution.Clustered })
            {
                RunOne(size, distribution, queries, substrings == 0 ? null : substrings);
            }
        }
    }

    private static void RunOne(int size, Distribution distribution, int queryCount, int? substrings)
    {
        var data = HashData.Create(size, distribution, seed: 42);
        var entries = data.Hashes.Select((h, i) => (h, (long)i));

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var build = Stopwatch.StartNew();
        var index = HashIndex.Build(entries, Radius, substrings);
        build.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var bytesPerHash = (double)(after - before) / size;

        var rng = new Random(7);
        var queries = Enumerable.Range(0, queryCount).Select(_ => data.IdentifyQuery(rng)).ToArray();

        // The scan is slow (tens of ms at 10M), so a few dozen requests give a stable median; they
        // double as a correctness check of the index on this data.
        var scanTimes = new List<double>();
        var results = new List<HashHit>();
        for (var q = 0; q < 40; q++)
        {
            var start = Stopwatch.GetTimestamp();
            var expected = data.LinearScan(queries[q].Words, Radius);
            scanTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            results.Clear();
            index.SearchMany(queries[q].Hashes, Radius, results);
            if (results.Count != expected)
            {
                throw new InvalidOperationException($"Index found {results.Count} hits, the scan {expected}.");
            }
        }

        long probes = 0, candidates = 0;
        var substringCount = 0;
        foreach (var query in queries.Take(200))
        {
            foreach (var hash in query.Hashes)
            {
                var work = index.MeasureWork(hash, Radius);
                (probes, candidates, substringCount) = (probes + work.Probes, candidates + work.Candidates, work.Substrings);
            }
        }

        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{size:N0} {distribution}: m = {substringCount}, per identify request {probes / 200.0:F0} bucket probes, {candidates / 200.0:F0} candidates"));
        scanTimes.Sort();
        var scanP50 = At(scanTimes, 0.5);

        foreach (var (mode, threshold) in new[] { ("1 core", int.MaxValue), ("2 cores", 0) })
        {
            index.ParallelThreshold = threshold;
            for (var q = 0; q < Math.Min(500, queryCount); q++)
            {
                results.Clear();
                index.SearchMany(queries[q].Hashes, Radius, results); // warm-up: tiered JIT, caches
            }

            var times = new double[queryCount];
            long hits = 0;
            for (var q = 0; q < queryCount; q++)
            {
                results.Clear();
                var start = Stopwatch.GetTimestamp();
                index.SearchMany(queries[q].Hashes, Radius, results);
                times[q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                hits += results.Count;
            }

            Array.Sort(times);
            var p50 = At(times, 0.5);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {size:N0} | {distribution} | {build.Elapsed.TotalSeconds:F1} | {(after - before) / 1048576.0:F0} | {bytesPerHash:F1} | {mode} | {p50:F3} | {At(times, 0.99):F3} | {At(times, 0.999):F3} | {times[^1]:F3} | {(double)hits / queryCount:F1} | {scanP50:F2} | {scanP50 / p50:F0}× |"));
        }

        GC.KeepAlive(index);
    }

    private static double At(IReadOnlyList<double> sorted, double quantile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
