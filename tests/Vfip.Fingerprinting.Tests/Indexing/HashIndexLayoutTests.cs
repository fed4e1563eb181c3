using System.Numerics;
using Vfip.Fingerprinting.Indexing;

namespace Vfip.Fingerprinting.Tests.Indexing;

/// <summary>Edge cases of the segment layout: ball masks, the inline check bits, query chunking, large (huge-page) tables.</summary>
public sealed class HashIndexLayoutTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 3)]
    [InlineData(8, 2)]
    [InlineData(16, 1)]
    [InlineData(20, 2)]
    [InlineData(24, 3)]
    public void Ball_HoldsEveryMaskWithinTheRadius_ExactlyOnce(int bits, int radius)
    {
        var ball = SubstringLayout.Ball(bits, radius);

        long expected = 0, choose = 1;
        for (var k = 0; k <= Math.Min(radius, bits); k++)
        {
            expected += choose;
            choose = choose * (bits - k) / (k + 1);
        }

        Assert.Equal(expected, ball.Length);
        Assert.Equal(0u, ball[0]);
        Assert.Equal(ball.Length, ball.Distinct().Count());
        Assert.All(ball, mask => Assert.True(BitOperations.PopCount(mask) <= radius && mask >> bits == 0));
        Assert.Same(ball, SubstringLayout.Ball(bits, radius));
    }

    [Theory]
    [InlineData(63, 1_000)]
    [InlineData(31, 1_000_000)]
    [InlineData(31, 10_000_000)]
    [InlineData(31, 1_000_000_000)]
    public void ChooseCount_KeepsProbeRadiusAtMostThree_AndSubstringsWithinTheCap(int maxRadius, long entries)
    {
        var layout = SubstringLayout.Create(SubstringLayout.ChooseCount(entries, maxRadius));

        Assert.True(maxRadius / layout.Count <= 3);
        Assert.All(layout.Length, length => Assert.InRange(length, 1, SubstringLayout.MaxBits));
    }

    /// <summary>
    /// Stored hashes at distance 30..33 from the query whose differing bits all sit in one or two
    /// chosen words, so that for every substring they fall entirely inside, partly inside or entirely
    /// outside the 96 inline check bits: the check must never reject a hit nor let a miss through.
    /// </summary>
    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(20)]
    public void Search_IsExact_AtTheRadiusBoundary_WhateverWordsTheDifferencesSitIn(int substrings)
    {
        var rng = new Random(8008 + substrings);
        var query = HashGen.Random(rng);
        var entries = new List<(PdqHash Hash, long Id)>();
        for (var w = 0; w < 4; w++)
        {
            for (var w2 = w; w2 < 4; w2++)
            {
                foreach (var distance in new[] { 0, 1, 30, 31, 32, 33 })
                {
                    for (var copy = 0; copy < 3; copy++)
                    {
                        entries.Add((FlipWithin(query, distance, w, w2, rng), entries.Count));
                    }
                }
            }
        }

        entries.AddRange(HashGen.Uniform(2_000, rng).Select(e => (e.Hash, e.Id + 1_000_000)));
        var index = new HashIndex(31, minOverflow: 1, maxOverflow: 1, substringCount: substrings);
        index.AddRange(entries);

        foreach (var radius in new[] { 0, 1, 30, 31 })
        {
            Assert.Equal(HashGen.LinearScan(entries, query, radius), HashGen.Sorted(index.Search(query, radius)));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SearchMany_WithMoreQueriesThanOnePipelineChunk_ReturnsEachEntryOnce(bool parallel)
    {
        var rng = new Random(parallel ? 9009 : 9010);
        var entries = HashGen.Clustered(centres: 100, copiesPerCentre: 30, maxDistance: 30, rng);
        var index = new HashIndex(31, minOverflow: 16, maxOverflow: 64, substringCount: null);
        index.AddRange(entries);
        index.Add(entries[0].Hash, 99_999); // one overflow entry too
        var stored = entries.Append((Hash: entries[0].Hash, Id: 99_999L)).ToList();
        index.ParallelThreshold = parallel ? 0 : int.MaxValue;

        var queries = HashGen.QueriesNear(entries, 41, 20, rng).ToArray();
        var expected = HashGen.Sorted(stored
            .Select(e => (e.Id, Distance: queries.Min(e.Hash.DistanceTo)))
            .Where(e => e.Distance <= 31)
            .Select(e => new HashHit(e.Id, e.Distance)));

        Assert.Equal(expected, HashGen.Sorted(index.SearchMany(queries, 31)));
    }

    /// <summary>Big enough that the postings and offset tables get the huge-page hint (≥ 4 MiB each).</summary>
    [Fact]
    public void Search_ReturnsExactlyTheLinearScan_OnALargeIndex()
    {
        var rng = new Random(10_010);
        var entries = HashGen.Uniform(300_000, rng);
        var index = HashIndex.Build(entries);

        foreach (var query in HashGen.QueriesNear(entries, 20, 31, rng))
        {
            Assert.Equal(HashGen.LinearScan(entries, query, 31), HashGen.Sorted(index.Search(query, 31)));
        }

        var many = HashGen.QueriesNear(entries, 8, 25, rng).ToArray();
        var expected = HashGen.Sorted(entries
            .Select(e => (e.Id, Distance: many.Min(e.Hash.DistanceTo)))
            .Where(e => e.Distance <= 31)
            .Select(e => new HashHit(e.Id, e.Distance)));
        Assert.Equal(expected, HashGen.Sorted(index.SearchMany(many, 31)));
    }

    /// <summary><paramref name="hash"/> with <paramref name="flips"/> distinct bits flipped, all within words <paramref name="w1"/> and <paramref name="w2"/>.</summary>
    private static PdqHash FlipWithin(PdqHash hash, int flips, int w1, int w2, Random rng)
    {
        ulong[] words = [hash.W0, hash.W1, hash.W2, hash.W3];
        var positions = Enumerable.Range(0, 64).Select(b => (w1 * 64) + b)
            .Concat(w2 == w1 ? [] : Enumerable.Range(0, 64).Select(b => (w2 * 64) + b))
            .ToArray();
        rng.Shuffle(positions);
        foreach (var bit in positions.AsSpan(0, flips))
        {
            words[bit >> 6] ^= 1UL << bit;
        }

        return PdqHash.FromWords(words);
    }
}
