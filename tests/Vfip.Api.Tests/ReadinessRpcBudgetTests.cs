using System.Diagnostics;
using System.Net;
using Vfip.Api.Health;
using Vfip.Api.Tests.Support;
using Vfip.Chain.Tests.Support;

namespace Vfip.Api.Tests;

/// <summary>
/// <c>/health/ready</c> is anonymous and never rate-limited, so it must not cost the chain's RPC provider a request per
/// call: the chain probe is reused for <see cref="ChainHealthCheck.CacheFor"/>. The chain endpoint is a counting proxy.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class ReadinessRpcBudgetTests(SqliteApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Ready_CalledTwentyTimes_AsksTheChainOncePerCacheWindow()
    {
        await using var node = new RpcProxy(Fixture.Chain.RpcUrl);
        var store = await Fixture.NewStoreAsync();
        await using (var factory = Fixture.CreateFactory(store, new Dictionary<string, string?>
        {
            ["Chain:RpcUrl"] = node.Url,
            ["Outbox:Enabled"] = "false",
            ["Indexer:Enabled"] = "false",
        }))
        {
            var client = factory.CreateClient();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
            {
                Assert.True(DateTime.UtcNow < deadline, "/health/ready never answered 200");
                await Task.Delay(200);
            }

            node.Reset();
            var elapsed = Stopwatch.StartNew();
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            }

            // However slow this machine is, one probe (eth_chainId + eth_getCode) per window that began.
            var windows = (int)(elapsed.Elapsed / ChainHealthCheck.CacheFor) + 1;
            Assert.InRange(node.Count("eth_chainId"), 0, windows);
            Assert.InRange(node.Count("eth_getCode"), 0, windows);
        }

        store.Delete();
    }
}
