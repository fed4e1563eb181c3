using Vfip.Fingerprinting.Indexing;

namespace Vfip.Fingerprinting.Tests.Indexing;

/// <summary>Deterministic hash generators for the index tests.</summary>
internal static class HashGen
{
    public static PdqHash Random(Random rng)
    {
        Span<byte> bytes = stackalloc byte[32];
        rng.NextBytes(bytes);
        return PdqHash.FromBytes(bytes);
    }

    /// <summary><paramref name="hash"/> with exactly <paramref name="flips"/> distinct bits flipped.</summary>
    public static PdqHash Perturb(PdqHash hash, int flips, Random rng)
    {
        var bytes = hash.ToBytes();
        var positions = Enumerable.Range(0, 256).ToArray();
        rng.Shuffle(positions);
        foreach (var bit in positions.AsSpan(0, flips))
        {
            bytes[bit >> 3] ^= (byte)(1 << (bit & 7));
        }

        return PdqHash.FromBytes(bytes);
    }

    public static List<(PdqHash Hash, long Id)> Uniform(int count, Random rng) =>
        Enumerable.Range(0, count).Select(i => (Random(rng), (long)i)).ToList();

    /// <summary>A few hundred centres, each with near-copies at distance 0..<paramref name="maxDistance"/>.</summary>
    public static List<(PdqHash Hash, long Id)> Clustered(int centres, int copiesPerCentre, int maxDistance, Random rng)
    {
        var entries = new List<(PdqHash, long)>();
        for (var c = 0; c < centres; c++)
        {
            var centre = Random(rng);
            for (var k = 0; k < copiesPerCentre; k++)
            {
                entries.Add((Perturb(centre, rng.Next(maxDistance + 1), rng), entries.Count));
            }
        }

        return entries;
    }

    /// <summary>Queries near stored hashes (so radius searches have answers) plus a few unrelated ones.</summary>
    public static List<PdqHash> QueriesNear(IReadOnlyList<(PdqHash Hash, long Id)> entries, int count, int maxDistance, Random rng) =>
        Enumerable.Range(0, count)
            .Select(i => i % 10 == 9 ? Random(rng) : Perturb(entries[rng.Next(entries.Count)].Hash, rng.Next(maxDistance + 1), rng))
            .ToList();

    public static List<HashHit> LinearScan(IEnumerable<(PdqHash Hash, long Id)> entries, PdqHash query, int radius) =>
        Sorted(entries.Select(e => new HashHit(e.Id, e.Hash.DistanceTo(query))).Where(h => h.Distance <= radius));

    public static List<HashHit> Sorted(IEnumerable<HashHit> hits) =>
        hits.OrderBy(h => h.Id).ThenBy(h => h.Distance).ToList();
}
