using System.Diagnostics;
using System.Globalization;
using Vfip.Fingerprinting.Indexing;

namespace Vfip.Benchmarks;

/// <summary>
/// `-- compare SIZE [--layouts 13,16,13s,13@24/12] [--queries N] [--data uniform|clustered] [--warm]`: builds one index per
/// substring count over the same data and times the same identify requests round-robin across them,
/// so a load spike on the shared machine hits every layout alike. Compare ratios, not absolute times.
/// </summary>
internal static class LayoutCompare
{
    private const int Radius = 31;

    public static void Run(string[] args)
    {
        var size = int.Parse(args[0], CultureInfo.InvariantCulture);
        var queries = Option(args, "--queries", "2000");
        // "13" = 13 substrings, "0" = the default choice; a trailing "s" = ordinary 4 KiB pages (no huge-page hint).
        var specs = Option(args, "--layouts", "0").Split(',');
        var distributions = Option(args, "--data", "uniform,clustered").Split(',')
            .Select(d => Enum.Parse<Distribution>(d, ignoreCase: true)).ToArray();
        var queryCount = int.Parse(queries, CultureInfo.InvariantCulture);
        var warm = args.Contains("--warm");

        Console.WriteLine($"# layout comparison, {size:N0} stored, radius {Radius}, {queryCount} requests round-robin; {Environment.ProcessorCount} cores");
        Console.WriteLine("| data | m | MB managed | p50 ms | p90 ms | p99 ms | mean ms | p50 / first p50 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var distribution in distributions)
        {
            var data = HashData.Create(size, distribution, seed: 42);
            var indexes = new List<HashIndex>();
            var megabytes = new List<double>();
            foreach (var spec in specs)
            {
                var parts = spec.TrimEnd('s').Split('@');
                var m = int.Parse(parts[0], CultureInfo.InvariantCulture);
                HugePages.Enabled = !spec.EndsWith('s');
                var before = GC.GetTotalMemory(forceFullCollection: true);
                indexes.Add(HashIndex.Build(data.Hashes.Select((h, i) => (h, (long)i)), Radius, m == 0 ? null : m));
                if (parts.Length > 1)
                {
                    // "13@24/12": prefetch bucket bounds 24 probes ahead and bucket lines 12 ahead.
                    var ahead = parts[1].Split('/');
                    indexes[^1].PrefetchDistances = (int.Parse(ahead[0], CultureInfo.InvariantCulture), int.Parse(ahead[1], CultureInfo.InvariantCulture));
                }

                HugePages.Enabled = true;
                megabytes.Add((GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0);
            }

            var rng = new Random(7);
            var requests = Enumerable.Range(0, queryCount).Select(_ => data.IdentifyQuery(rng)).ToArray();
            var results = new List<HashHit>();
            var times = indexes.Select(_ => new double[queryCount]).ToArray();
            for (var pass = 0; pass < 2; pass++)
            {
                for (var q = 0; q < queryCount; q++)
                {
                    var expected = -1;
                    for (var x = 0; x < indexes.Count; x++)
                    {
                        results.Clear();
                        if (warm)
                        {
                            indexes[x].SearchMany(requests[q].Hashes, Radius, results); // diagnostic: time a cache-warm repeat
                            results.Clear();
                        }

                        var start = Stopwatch.GetTimestamp();
                        indexes[x].SearchMany(requests[q].Hashes, Radius, results);
                        times[x][q] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                        if (expected >= 0 && results.Count != expected)
                        {
                            throw new InvalidOperationException($"Layouts disagree: {results.Count} vs {expected} hits.");
                        }

                        expected = results.Count;
                    }
                }
            }

            double firstP50 = 0;
            for (var x = 0; x < indexes.Count; x++)
            {
                var sorted = times[x].Order().ToArray();
                var p50 = At(sorted, 0.5);
                firstP50 = x == 0 ? p50 : firstP50;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {distribution} | {specs[x]}{(specs[x].EndsWith('s') ? " (4 KiB pages)" : string.Empty)} | {megabytes[x]:F0} | {p50:F3} | {At(sorted, 0.9):F3} | {At(sorted, 0.99):F3} | {sorted.Average():F3} | {p50 / firstP50:F2} |"));
            }
        }
    }

    private static double At(IReadOnlyList<double> sorted, double quantile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
