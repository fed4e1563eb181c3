using Vfip.Fingerprinting.Indexing;

namespace Vfip.Fingerprinting.Tests.Indexing;

public sealed class HashIndexTests
{
    public static TheoryData<int> Radii => new() { 0, 1, 10, 31 };

    [Theory]
    [MemberData(nameof(Radii))]
    public void Search_ReturnsExactlyTheLinearScan_OnRandomHashes(int radius)
    {
        var rng = new Random(1001 + radius);
        var entries = HashGen.Uniform(20_000, rng);
        var index = HashIndex.Build(entries);

        foreach (var query in HashGen.QueriesNear(entries, 200, 40, rng))
        {
            Assert.Equal(HashGen.LinearScan(entries, query, radius), HashGen.Sorted(index.Search(query, radius)));
        }
    }

    [Theory]
    [MemberData(nameof(Radii))]
    public void Search_ReturnsExactlyTheLinearScan_OnClusteredHashes(int radius)
    {
        var rng = new Random(2002 + radius);
        var entries = HashGen.Clustered(centres: 300, copiesPerCentre: 40, maxDistance: 40, rng);
        var index = HashIndex.Build(entries);

        foreach (var query in HashGen.QueriesNear(entries, 200, 20, rng))
        {
            Assert.Equal(HashGen.LinearScan(entries, query, radius), HashGen.Sorted(index.Search(query, radius)));
        }
    }

    [Theory]
    [InlineData(0, 11)]
    [InlineData(31, 11)]
    [InlineData(31, 13)]
    [InlineData(31, 16)]
    [InlineData(31, 32)]
    [InlineData(31, 64)]
    [InlineData(63, 16)]
    [InlineData(63, 20)]
    public void Search_AtMaxRadius_ReturnsExactlyTheLinearScan_ForEveryLayout(int maxRadius, int substrings)
    {
        var rng = new Random((maxRadius * 1000) + substrings);
        var entries = HashGen.Clustered(centres: 200, copiesPerCentre: 30, maxDistance: maxRadius + 10, rng);
        var index = new HashIndex(maxRadius, minOverflow: 64, maxOverflow: 256, substringCount: substrings);
        index.AddRange(entries);

        foreach (var query in HashGen.QueriesNear(entries, 100, maxRadius / 2, rng))
        {
            foreach (var radius in new[] { 0, 1, maxRadius / 2, maxRadius }.Where(r => r <= maxRadius))
            {
                Assert.Equal(HashGen.LinearScan(entries, query, radius), HashGen.Sorted(index.Search(query, radius)));
            }
        }
    }

    [Fact]
    public void Search_ReturnsExactlyTheLinearScan_AfterInterleavedAddsAndRemoves()
    {
        var rng = new Random(3003);
        // Small overflow limits so the run crosses many rebuilds and tombstone purges.
        var index = new HashIndex(31, minOverflow: 32, maxOverflow: 128, substringCount: null);
        var live = new List<(PdqHash Hash, long Id)>();
        var centres = Enumerable.Range(0, 50).Select(_ => HashGen.Random(rng)).ToArray();

        for (var step = 0; step < 6_000; step++)
        {
            if (live.Count > 0 && rng.Next(3) == 0)
            {
                var victim = rng.Next(live.Count);
                Assert.True(index.Remove(live[victim].Hash, live[victim].Id));
                live.RemoveAt(victim);
            }
            else
            {
                // Re-use ids and hashes on purpose: the same id with several hashes, the same hash with several ids.
                var hash = rng.Next(4) == 0 && live.Count > 0
                    ? live[rng.Next(live.Count)].Hash
                    : HashGen.Perturb(centres[rng.Next(centres.Length)], rng.Next(36), rng);
                var entry = (hash, (long)rng.Next(2_000));
                index.Add(entry.hash, entry.Item2);
                live.Add(entry);
            }

            Assert.Equal(live.Count, index.Count);
            if (step % 500 == 499)
            {
                foreach (var query in HashGen.QueriesNear(live, 40, 20, rng))
                {
                    foreach (var radius in new[] { 0, 10, 31 })
                    {
                        Assert.Equal(HashGen.LinearScan(live, query, radius), HashGen.Sorted(index.Search(query, radius)));
                    }
                }
            }
        }
    }

    [Fact]
    public void Remove_ReturnsFalse_WhenNoSuchEntry_AndRemovesOnlyOneDuplicate()
    {
        var rng = new Random(4004);
        var hash = HashGen.Random(rng);
        var index = new HashIndex();
        index.Add(hash, 7);
        index.Add(hash, 7);
        index.Add(hash, 8);

        Assert.False(index.Remove(hash, 9));
        Assert.False(index.Remove(HashGen.Perturb(hash, 1, rng), 7));
        Assert.True(index.Remove(hash, 7));

        Assert.Equal(2, index.Count);
        Assert.Equal([new HashHit(7, 0), new HashHit(8, 0)], HashGen.Sorted(index.Search(hash, 0)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SearchMany_ReturnsEachEntryOnce_WithItsSmallestDistanceToAnyQuery(bool parallel)
    {
        var rng = new Random(parallel ? 5005 : 5006);
        var entries = HashGen.Clustered(centres: 200, copiesPerCentre: 40, maxDistance: 30, rng);
        var index = HashIndex.Build(entries);
        index.ParallelThreshold = parallel ? 0 : int.MaxValue;

        for (var q = 0; q < 50; q++)
        {
            // Eight related queries, as the dihedral variants of one upload would be: several hit the same entries.
            var centre = entries[rng.Next(entries.Count)].Hash;
            var queries = Enumerable.Range(0, 8).Select(k => HashGen.Perturb(centre, k * 3, rng)).ToArray();

            var expected = HashGen.Sorted(entries
                .Select(e => (e.Id, Distance: queries.Min(e.Hash.DistanceTo)))
                .Where(e => e.Distance <= 31)
                .Select(e => new HashHit(e.Id, e.Distance)));

            Assert.Equal(expected, HashGen.Sorted(index.SearchMany(queries, 31)));
        }
    }

    [Fact]
    public void Search_Throws_WhenRadiusExceedsMaxRadius()
    {
        var index = new HashIndex(maxRadius: 10);

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(default, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(default, -1));
    }

    [Fact]
    public void Search_AppendsToTheGivenList()
    {
        var rng = new Random(6006);
        var entries = HashGen.Uniform(5_000, rng);
        var index = HashIndex.Build(entries);
        var results = new List<HashHit> { new(-1, -1) };

        index.Search(entries[42].Hash, 0, results);

        Assert.Equal([new HashHit(-1, -1), new HashHit(42, 0)], results);
    }

    [Fact]
    public async Task ConcurrentSearches_DuringAddsAndRemoves_AlwaysFindTheStableEntries()
    {
        var rng = new Random(7007);
        var stable = HashGen.Clustered(centres: 100, copiesPerCentre: 30, maxDistance: 30, rng);
        var index = new HashIndex(31, minOverflow: 64, maxOverflow: 512, substringCount: null);
        index.AddRange(stable);
        var queries = HashGen.QueriesNear(stable, 100, 15, rng);
        var expected = queries.Select(q => HashGen.LinearScan(stable, q, 31)).ToArray();
        const long churnIdBase = 1_000_000;
        using var done = new CancellationTokenSource();

        var writer = Task.Run(() =>
        {
            var wrng = new Random(7008);
            var churn = new List<(PdqHash Hash, long Id)>();
            try
            {
                for (var i = 0; i < 5_000; i++)
                {
                    if (churn.Count > 200 || (churn.Count > 0 && wrng.Next(3) == 0))
                    {
                        var victim = wrng.Next(churn.Count);
                        index.Remove(churn[victim].Hash, churn[victim].Id);
                        churn.RemoveAt(victim);
                    }
                    else
                    {
                        var entry = (HashGen.Perturb(stable[wrng.Next(stable.Count)].Hash, wrng.Next(20), wrng), churnIdBase + i);
                        index.Add(entry.Item1, entry.Item2);
                        churn.Add(entry);
                    }
                }
            }
            finally
            {
                done.Cancel();
            }

            return churn.Count;
        });

        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var results = new List<HashHit>();
            var rounds = 0;
            while (!done.IsCancellationRequested || rounds < 3)
            {
                for (var q = 0; q < queries.Count; q++)
                {
                    results.Clear();
                    index.Search(queries[q], 31, results);
                    var stableHits = HashGen.Sorted(results.Where(h => h.Id < churnIdBase));
                    Assert.Equal(expected[q], stableHits);
                    Assert.All(results, h => Assert.InRange(h.Distance, 0, 31));
                }

                rounds++;
            }
        })).ToArray();

        await Task.WhenAll(readers);
        var churnLeft = await writer;
        Assert.Equal(stable.Count + churnLeft, index.Count);
    }
}
