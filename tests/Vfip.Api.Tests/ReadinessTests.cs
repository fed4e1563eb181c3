using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Vfip.Api.Tests.Support;
using Vfip.Chain;
using Vfip.Chain.LocalChain;

namespace Vfip.Api.Tests;

/// <summary>/health/ready follows the chain: unready while it is down, ready again when it is back.</summary>
public abstract class ReadinessTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Ready_TurnsUnreadyWhenTheChainStops_AndReadyWhenItComesBack()
    {
        // Arrange: a chain of this test's own, with a state file, so it can be stopped and brought back as the same chain.
        var store = await Fixture.NewStoreAsync();
        var binary = AnvilProcess.FindBinary(AppContext.BaseDirectory)!;
        var statePath = Path.Combine(store.DataDir, "own-chain", "anvil-state.json");
        var anvil = await AnvilProcess.StartAsync(new AnvilStartOptions(binary, StatePath: statePath), NullLogger.Instance, CancellationToken.None);
        try
        {
            var port = anvil.Port;
            var registry = await new ContractDeployer(NullLogger<ContractDeployer>.Instance).DeployDesignRegistryAsync(
                anvil.RpcUrl, LocalChainFixture.ChainId, DevelopmentKeys.Deployer.PrivateKey, DevelopmentKeys.Deployer.Address,
                DevelopmentKeys.Registrar.Address, CancellationToken.None);
            await using var factory = Fixture.CreateFactory(store, new Dictionary<string, string?>
            {
                ["Chain:RpcUrl"] = anvil.RpcUrl,
                ["Chain:RegistryAddress"] = registry.Address,
                // The fixture's LicenseRegistry lives on the fixture's chain, not this one: none here.
                ["Chain:LicenseRegistryAddress"] = "",
                ["Chain:DeploymentBlock"] = registry.DeploymentBlock.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            var client = factory.CreateClient();
            await WaitForAsync(client, HttpStatusCode.OK);

            // Act 1: the chain goes away (SIGTERM: anvil writes its state).
            await anvil.DisposeAsync();
            var down = await WaitForAsync(client, HttpStatusCode.ServiceUnavailable);

            // Assert 1: unready because of the chain, and only the chain.
            Assert.Equal("unhealthy", down["checks"]!["chain"]!["status"]!.GetValue<string>());
            Assert.Equal("healthy", down["checks"]!["database"]!["status"]!.GetValue<string>());

            // Act 2: the same chain comes back on the same port from its state file.
            anvil = await AnvilProcess.StartAsync(new AnvilStartOptions(binary, port, statePath), NullLogger.Instance, CancellationToken.None);
            var up = await WaitForAsync(client, HttpStatusCode.OK);

            // Assert 2: ready again, contract code included (the state file kept the deployment).
            Assert.Equal("healthy", up["checks"]!["chain"]!["status"]!.GetValue<string>());
        }
        finally
        {
            await anvil.DisposeAsync();
            store.Delete();
        }
    }

    private static async Task<JsonNode> WaitForAsync(HttpClient client, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var response = await client.GetAsync("/health/ready");
            var report = await response.ReadJsonAsync();
            if (response.StatusCode == expected)
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health/ready did not answer {(int)expected} within {Patience}: {report}");
            await Task.Delay(200);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReadinessTestsOnSqlite(SqliteApiFixture fixture) : ReadinessTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ReadinessTestsOnPostgres(PostgresApiFixture fixture) : ReadinessTests(fixture);
