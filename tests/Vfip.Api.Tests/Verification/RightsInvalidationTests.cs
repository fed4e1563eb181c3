using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Api.Tests.Support;
using Vfip.Application.Features.Verification.Rules;

namespace Vfip.Api.Tests.Verification;

/// <summary>
/// The same replica drops a design's rights snapshot as soon as a change to it commits, whoever wrote it: here the
/// change feed is polled once an hour and trusted for two, so only the commit hook can make the answer change.
/// </summary>
public abstract class RightsInvalidationTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task AChangeCommittedOnThisReplica_IsSeenByTheNextVerification()
    {
        var store = await Fixture.NewStoreAsync();
        await using var factory = Fixture.CreateFactory(store, new Dictionary<string, string?>
        {
            ["Chain:SignerKey"] = LocalChainFixture.SecondRegistrar.PrivateKey,
            ["Verification:ReadModel:PollInterval"] = "01:00:00",
            ["Verification:ReadModel:MaxStaleness"] = "02:00:00",
        });
        var owner = await factory.SignedInClientAsync();
        var licensee = await factory.SignedInClientAsync();
        var designId = (await owner.RegisterAnchoredAsync())["id"]!.GetValue<string>();
        var license = await licensee.AcceptUntilActiveAsync(await owner.OfferAsync(designId, new { preset = "personal" }));
        var query = $"/api/v1/verify?designId={designId}&holder={await licensee.UserIdAsync()}";
        var readModel = factory.Services.GetRequiredService<RightsReadModel>();
        await WaitUntilServingAsync(readModel);
        Assert.True((await VerifyAsync(owner, query))["allowed"]!.GetValue<bool>());
        Assert.True((await VerifyAsync(owner, query))["allowed"]!.GetValue<bool>()); // from memory now
        Assert.True(readModel.Count > 0);

        var revoked = await owner.PostAsJsonAsync($"/api/v1/licenses/{license["id"]}/revoke", new { reason = "ended" });
        Assert.Equal(HttpStatusCode.Accepted, revoked.StatusCode);
        var answer = await VerifyAsync(owner, query);

        Assert.False(answer["allowed"]!.GetValue<bool>(), answer.ToJsonString());
        Assert.Equal("license_revoked", answer["reasons"]![0]!.GetValue<string>());
        store.Delete();
    }

    private static async Task WaitUntilServingAsync(RightsReadModel readModel)
    {
        for (var attempt = 0; attempt < 100 && !readModel.IsServing; attempt++)
        {
            await Task.Delay(100);
        }

        Assert.True(readModel.IsServing);
    }

    private static async Task<JsonNode> VerifyAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RightsInvalidationTestsOnSqlite(SqliteApiFixture fixture) : RightsInvalidationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RightsInvalidationTestsOnPostgres(PostgresApiFixture fixture) : RightsInvalidationTests(fixture);
