using Vfip.Fingerprinting;

namespace Vfip.QualityBench;

/// <summary>A matcher under test: image keys of the registered originals a query matches, best first.</summary>
internal interface ISystem
{
    string Name { get; }

    IReadOnlyList<long> Match(QuerySignals query);
}

/// <summary>What the issue author measured: whole-image PDQ, all eight dihedral query hashes, distance ≤ 31, no gate.</summary>
internal sealed class Baseline(List<int> originals, QueryFingerprint?[] results) : ISystem
{
    private readonly (long Key, PdqHash Hash)[] _registered = originals.Select(i => ((long)i, results[i]!.Fingerprint.Pdq)).ToArray();

    public string Name => "Baseline: whole-image PDQ, distance ≤ 31, 8 dihedral";

    public IReadOnlyList<long> Match(QuerySignals query)
    {
        var hits = new List<(long Key, int Distance)>();
        foreach (var (key, hash) in _registered)
        {
            var best = int.MaxValue;
            foreach (var q in query.Pdq.Hashes)
            {
                best = Math.Min(best, q.DistanceTo(hash));
            }

            if (best <= 31)
            {
                hits.Add((key, best));
            }
        }

        return hits.OrderBy(h => h.Distance).Select(h => h.Key).ToList();
    }
}

/// <summary>The shipped <see cref="GarmentMatcher"/>.</summary>
internal sealed class Shipped(GarmentMatcher matcher) : ISystem
{
    public string Name => "GarmentMatcher (content box + shape + whole-image PDQ)";

    public IReadOnlyList<long> Match(QuerySignals query) => matcher.Match(query).Select(m => m.ImageKey).ToList();
}
