using System.Net;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Licensing;

/// <summary>
/// Overlapping exclusive acceptances arriving at the same moment on one instance: the per-design lock (ADR 0015) makes
/// the exclusivity check and the insert one step, so exactly one is granted. (Two replicas: TwoReplicaTests.)
/// </summary>
public abstract class ExclusiveRaceTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task OverlappingExclusiveAcceptancesAtOnce_ExactlyOneIsGranted()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var licensees = new[] { await Fixture.Factory.SignedInClientAsync(), await Fixture.Factory.SignedInClientAsync(), await Fixture.Factory.SignedInClientAsync() };
        var designId = (await owner.RegisterAnchoredAsync())["id"]!.GetValue<string>();
        var offers = new List<string>();
        foreach (var _ in licensees)
        {
            offers.Add(await owner.OfferAsync(designId, new { preset = "commercial", terms = new { channels = new[] { "ar" }, exclusivity = "channel" } }));
        }

        var answers = await Task.WhenAll(licensees.Select((licensee, i) => licensee.PostAsync($"/api/v1/offers/{offers[i]}/accept", null)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Accepted))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("exclusive_conflict", (await refused.ReadJsonAsync())["code"]!.GetValue<string>());
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ExclusiveRaceTestsOnSqlite(SqliteApiFixture fixture) : ExclusiveRaceTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ExclusiveRaceTestsOnPostgres(PostgresApiFixture fixture) : ExclusiveRaceTests(fixture);
