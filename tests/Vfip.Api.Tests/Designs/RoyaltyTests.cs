using System.Net;
using System.Numerics;
using Nethereum.Web3;
using Vfip.Api.Tests.Support;
using Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Api.Tests.Designs;

/// <summary>Royalties in the registration metadata: EIP-2981 on chain, splits on record.</summary>
public abstract class RoyaltyTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Register_WithARoyalty_SetsEip2981OnChain_AndKeepsTheSplits()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var royalty = new { bps = 750, splits = new object[] { new { to = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", share = 60, role = "designer" }, new { to = "texture-artist", share = 40, role = "texture" } } };

        var registered = await owner.RegisterAsync(new { title = "Royalty look", royalty }, TestImages.UniquePng());

        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var design = await owner.WaitUntilAnchoredAsync((await registered.ReadJsonAsync())["id"]!.GetValue<string>());
        Assert.Equal(750, design["royalty"]!["bps"]!.GetValue<int>());
        Assert.Equal(["designer", "texture"], design["royalty"]!["splits"]!.AsArray().Select(s => s!["role"]!.GetValue<string>()));
        var info = await new Web3(Fixture.Chain.RpcUrl).Eth.GetContractQueryHandler<RoyaltyInfoFunction>().QueryDeserializingToObjectAsync<RoyaltyInfoOutputDTO>(
            new RoyaltyInfoFunction { TokenId = BigInteger.Parse(design["chain"]!["tokenId"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), SalePrice = 10_000 },
            Fixture.Chain.Registry.Address);
        Assert.Equal(design["owner"]!["address"]!.GetValue<string>(), info.Receiver, ignoreCase: true);
        Assert.Equal(new BigInteger(750), info.Amount);
    }

    [SkippableFact]
    public async Task Register_WithSplitsNotSummingTo100_IsRefused()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();

        var registered = await owner.RegisterAsync(
            new { title = "Bad split", royalty = new { bps = 500, splits = new[] { new { to = "a", share = 60, role = "designer" }, new { to = "b", share = 30, role = "texture" } } } },
            TestImages.UniquePng());

        Assert.Equal(HttpStatusCode.BadRequest, registered.StatusCode);
        Assert.Equal("royalty_splits_must_sum_to_100", (await registered.ReadJsonAsync())["code"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RoyaltyTestsOnSqlite(SqliteApiFixture fixture) : RoyaltyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RoyaltyTestsOnPostgres(PostgresApiFixture fixture) : RoyaltyTests(fixture);
