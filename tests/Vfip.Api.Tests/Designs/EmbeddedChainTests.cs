using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Api.Tests.Support;
using Vfip.Chain.Hosting;

namespace Vfip.Api.Tests.Designs;

/// <summary>
/// The embedded default: no chain configured, so the service launches anvil itself with its state in the
/// data folder, deploys on first start and reuses the deployment afterwards.
/// </summary>
public abstract class EmbeddedChainTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task EmbeddedChain_DeploysOnceAndKeepsTokensAcrossARestart()
    {
        var store = await Fixture.NewStoreAsync();
        var dataDir = store.DataDir;
        var email = $"embedded-{Guid.NewGuid():N}@example.com";
        JsonNode anchored;
        string registryBefore;
        await using (var first = Fixture.CreateFactory(store, embeddedChain: true))
        {
            var client = await first.SignedInClientAsync(email);
            var id = (await (await client.RegisterAsync(new { title = "Embedded" }, TestImages.UniquePng())).ReadJsonAsync())["id"]!.GetValue<string>();
            anchored = await client.WaitUntilAnchoredAsync(id);
            registryBefore = ReadDeployment(dataDir)["registryAddress"]!.GetValue<string>();
        }

        Assert.True(File.Exists(Path.Combine(dataDir, "chain", "anvil-state.json")), "anvil wrote no state on shutdown");

        await using var second = Fixture.CreateFactory(store, embeddedChain: true);
        var again = second.CreateClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", await VfipClient.LoginAsync(again, email));
        var ready = await WaitUntilReadyAsync(again);
        var design = await (await again.GetAsync($"/api/v1/designs/{anchored["id"]}")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal(registryBefore, ReadDeployment(dataDir)["registryAddress"]!.GetValue<string>());
        Assert.Equal(anchored["chain"]!.ToJsonString(), design["chain"]!.ToJsonString());

        // The token itself survived in the restarted anvil's state: ask the chain, not the database.
        var connection = await second.Services.GetRequiredService<ChainConnectionSource>().GetAsync(CancellationToken.None);
        var owner = await new ChainProbe(connection.RpcUrl, connection.RegistryAddress).OwnerOfAsync(anchored["chain"]!["tokenId"]!.GetValue<string>());
        Assert.Equal(anchored["owner"]!["address"]!.GetValue<string>(), owner, StringComparer.OrdinalIgnoreCase);
        store.Delete();
    }

    private static JsonNode ReadDeployment(string dataDir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dataDir, "chain", "deployment.json")))!;

    private static async Task<HttpStatusCode> WaitUntilReadyAsync(HttpClient client)
    {
        for (var i = 0; i < 300; i++)
        {
            var response = await client.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return response.StatusCode;
            }

            await Task.Delay(100);
        }

        return HttpStatusCode.ServiceUnavailable;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class EmbeddedChainTestsOnSqlite(SqliteApiFixture fixture) : EmbeddedChainTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class EmbeddedChainTestsOnPostgres(PostgresApiFixture fixture) : EmbeddedChainTests(fixture);
