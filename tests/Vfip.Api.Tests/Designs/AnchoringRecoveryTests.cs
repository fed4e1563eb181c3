using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Vfip.Api.Tests.Support;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain;
using Vfip.Chain.Hosting;

namespace Vfip.Api.Tests.Designs;

/// <summary>Nothing accepted is lost, and nothing is minted twice, across restarts and crashes.</summary>
public abstract class AnchoringRecoveryTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Restart_AfterCrashBetweenSendAndRecord_RecordsTheExistingTokenWithoutASecondOne()
    {
        var store = await Fixture.NewStoreAsync();
        string designId;
        string email = $"crash-{Guid.NewGuid():N}@example.com";
        JsonNodeSnapshot accepted;

        // Arrange: an instance that accepts the registration but whose sender never records it...
        await using (var held = Fixture.CreateFactory(store, new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" }))
        {
            var client = await held.SignedInClientAsync(email);
            var response = await client.RegisterAsync(new { title = "Crash coat" }, TestImages.UniquePng());
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            accepted = new JsonNodeSnapshot(await response.ReadJsonAsync());
            designId = accepted.Id;
        }

        // ...while the transaction did reach the chain before the crash (sent exactly as the sender sends it).
        var gateway = new DesignRegistryGateway(
            ChainConnectionSource.For(new ChainConnection(Fixture.Chain.RpcUrl, LocalChainFixture.ChainId, Fixture.Chain.Registry.Address, Fixture.Chain.Registry.DeploymentBlock, LocalChainFixture.SecondRegistrar.PrivateKey, 1)),
            Fixture.Factory.Services.GetRequiredService<ICustodialSigner>(),
            NullLogger<DesignRegistryGateway>.Instance);
        var sent = await gateway.RegisterAsync(
            new DesignRegistration(accepted.OwnerAddress, accepted.ContentHash, [accepted.Pdq], accepted.MetadataHash, $"crash-test/{designId}"),
            CancellationToken.None);

        // Act: the restarted instance finds the outbox entry and anchors.
        await using var restarted = Fixture.CreateFactory(store);
        var again = restarted.CreateClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", await VfipClient.LoginAsync(again, email));
        var design = await again.WaitUntilAnchoredAsync(designId);

        // Assert: it recorded the token that was already there; the chain has one token, one registration.
        Assert.Equal(sent.TxHash, design["chain"]!["txHash"]!.GetValue<string>());
        Assert.Equal(sent.TokenId, design["chain"]!["tokenId"]!.GetValue<string>());
        var probe = new ChainProbe(Fixture.Chain.RpcUrl, Fixture.Chain.Registry.Address);
        Assert.Equal(1, await probe.BalanceOfAsync(accepted.OwnerAddress));
        Assert.Single(await probe.RegistrationsOfAsync(sent.TokenId));
        store.Delete();
    }

    [SkippableFact]
    public async Task Restart_KeepsDesignsAndAcceptsTokensIssuedBeforeIt()
    {
        var store = await Fixture.NewStoreAsync();
        string token;
        string designId;
        await using (var first = Fixture.CreateFactory(store))
        {
            var email = $"restart-{Guid.NewGuid():N}@example.com";
            var client = await first.SignedInClientAsync(email);
            token = client.DefaultRequestHeaders.Authorization!.Parameter!;
            designId = (await (await client.RegisterAsync(new { title = "Kept" }, TestImages.UniquePng())).ReadJsonAsync())["id"]!.GetValue<string>();
            await client.WaitUntilAnchoredAsync(designId);
        }

        await using var second = Fixture.CreateFactory(store);
        var sameToken = second.CreateClient();
        sameToken.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var response = await sameToken.GetAsync($"/api/v1/designs/{designId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anchored", (await response.ReadJsonAsync())["status"]!.GetValue<string>());
        store.Delete();
    }

    /// <summary>The fields of a 202 body that the chain call needs, decoded.</summary>
    private sealed class JsonNodeSnapshot(System.Text.Json.Nodes.JsonNode node)
    {
        public string Id { get; } = node["id"]!.GetValue<string>();

        public string OwnerAddress { get; } = node["owner"]!["address"]!.GetValue<string>();

        public byte[] ContentHash { get; } = Convert.FromHexString(node["contentHash"]!.GetValue<string>()[2..]);

        public byte[] MetadataHash { get; } = Convert.FromHexString(node["metadataHash"]!.GetValue<string>()[2..]);

        public byte[] Pdq { get; } = Convert.FromHexString(node["images"]![0]!["pdq"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AnchoringRecoveryTestsOnSqlite(SqliteApiFixture fixture) : AnchoringRecoveryTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AnchoringRecoveryTestsOnPostgres(PostgresApiFixture fixture) : AnchoringRecoveryTests(fixture);
