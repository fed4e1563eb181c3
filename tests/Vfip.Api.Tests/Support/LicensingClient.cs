using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Vfip.Chain.Contracts.LicenseRegistry;

namespace Vfip.Api.Tests.Support;

/// <summary>What a designer and a licensee do to get a licence granted on chain, and polling for the outbox to finish.</summary>
internal static class LicensingClient
{
    /// <summary>Registers new content and waits until it is anchored; returns the design.</summary>
    public static async Task<JsonNode> RegisterAnchoredAsync(this HttpClient owner, byte[]? image = null, string title = "Licensed look")
    {
        var registered = await owner.RegisterAsync(new { title }, image ?? TestImages.UniquePng());
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        return await owner.WaitUntilAnchoredAsync((await registered.ReadJsonAsync())["id"]!.GetValue<string>());
    }

    /// <summary>The owner publishes an offer (<c>{preset?, terms?}</c>); returns its id.</summary>
    public static async Task<string> OfferAsync(this HttpClient owner, string designId, object body)
    {
        var response = await owner.PostAsJsonAsync($"/api/v1/designs/{designId}/offers", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync())["id"]!.GetValue<string>();
    }

    /// <summary>The licensee accepts an offer and waits until the grant is anchored; returns the active licence.</summary>
    public static async Task<JsonNode> AcceptUntilActiveAsync(this HttpClient licensee, string offerId)
    {
        var accepted = await licensee.PostAsync($"/api/v1/offers/{offerId}/accept", null);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        return await licensee.WaitForLicenseAsync((await accepted.ReadJsonAsync())["id"]!.GetValue<string>(), "active");
    }

    /// <summary>The LicenseRegistry's own answer: is the licence valid at the latest block's time?</summary>
    public static async Task<bool> IsLicenseValidOnChainAsync(this LocalChainFixture chain, string licenseId)
    {
        var web3 = new Web3(chain.RpcUrl);
        var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
        return await web3.Eth.GetContractQueryHandler<IsLicenseValidFunction>().QueryAsync<bool>(
            chain.Licenses.Address,
            new IsLicenseValidFunction { LicenseId = BigInteger.Parse(licenseId, CultureInfo.InvariantCulture), Timestamp = block.Timestamp.Value });
    }

    public static Task<JsonNode> WaitForLicenseAsync(this HttpClient client, string licenseId, string status) =>
        // Not there yet is a 404 problem, whose "status" is a number.
        client.WaitUntilAsync($"/api/v1/licenses/{licenseId}", l => l["status"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && l["status"]!.GetValue<string>() == status);

    /// <summary>Polls a resource until <paramref name="done"/> holds; fails after a minute.</summary>
    public static async Task<JsonNode> WaitUntilAsync(this HttpClient client, string path, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var resource = await (await client.GetAsync(path)).ReadJsonAsync();
            if (done(resource))
            {
                return resource;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} not there in time: {resource}");
            await Task.Delay(100);
        }
    }
}
