using System.Net;
using System.Net.Http.Json;
using Nethereum.Web3;
using Vfip.Api.Tests.Support;
using Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Api.Tests.Designs;

/// <summary>Transfers through HTTP: the ERC-721 token moves on the collection's anvil, and licences stay with the design.</summary>
public abstract class TransferTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Transfer_MovesTheTokenToTheRecipient_AndKeepsTheLicences()
    {
        var factory = Fixture.Factory;
        var seller = await factory.SignedInClientAsync();
        var buyer = await factory.SignedInClientAsync();
        var licensee = await factory.SignedInClientAsync();
        var design = await seller.RegisterAnchoredAsync(title: "Sold look");
        var designId = design["id"]!.GetValue<string>();
        var licenseId = (await licensee.AcceptUntilActiveAsync(await seller.OfferAsync(designId, new { preset = "personal" })))["id"]!.GetValue<string>();
        var buyerId = await buyer.UserIdAsync();

        var transfer = await seller.PostAsJsonAsync($"/api/v1/designs/{designId}/transfer", new { to = buyerId });

        Assert.Equal(HttpStatusCode.Accepted, transfer.StatusCode);
        Assert.Equal(buyerId, (await transfer.ReadJsonAsync())["pendingTransfer"]!["userId"]!.GetValue<string>());
        var moved = await buyer.WaitUntilAsync($"/api/v1/designs/{designId}", d => d["owner"]!["userId"]!.GetValue<string>() == buyerId);
        var newOwner = moved["owner"]!["address"]!.GetValue<string>();
        var onChain = await new Web3(Fixture.Chain.RpcUrl).Eth.GetContractQueryHandler<OwnerOfFunction>().QueryAsync<string>(
            Fixture.Chain.Registry.Address, new OwnerOfFunction { TokenId = System.Numerics.BigInteger.Parse(design["chain"]!["tokenId"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(newOwner, onChain, ignoreCase: true);
        Assert.Null(moved["pendingTransfer"]);

        var licenseeCheck = await (await buyer.GetAsync($"/api/v1/verify?designId={designId}&holder={await licensee.UserIdAsync()}")).ReadJsonAsync();
        var buyerCheck = await (await buyer.GetAsync($"/api/v1/verify?designId={designId}&holder={buyerId}")).ReadJsonAsync();
        var sellerCheck = await (await buyer.GetAsync($"/api/v1/verify?designId={designId}&holder={await seller.UserIdAsync()}")).ReadJsonAsync();
        Assert.True(licenseeCheck["allowed"]!.GetValue<bool>(), licenseeCheck.ToJsonString());
        Assert.True(buyerCheck["allowed"]!.GetValue<bool>());
        Assert.NotEqual(design["chain"]!["txHash"]!.GetValue<string>(), buyerCheck["proof"]!["txHash"]!.GetValue<string>()); // the transfer, not the registration
        Assert.False(sellerCheck["allowed"]!.GetValue<bool>());

        // The licence binds the design: the new owner may revoke it, the seller no longer may.
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/revoke", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await buyer.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/revoke", new { reason = "new owner" })).StatusCode);
        await buyer.WaitUntilAsync($"/api/v1/licenses/{licenseId}", l => l["status"]!.GetValue<string>() == "revoked");
    }

    [SkippableFact]
    public async Task Transfer_ByANonOwnerOrToAnUnknownAddress_IsRefused()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var other = await Fixture.Factory.SignedInClientAsync();
        var designId = (await owner.RegisterAnchoredAsync(title: "Kept look"))["id"]!.GetValue<string>();

        var byOther = await other.PostAsJsonAsync($"/api/v1/designs/{designId}/transfer", new { to = await other.UserIdAsync() });
        var unknown = await owner.PostAsJsonAsync($"/api/v1/designs/{designId}/transfer", new { to = "0x000000000000000000000000000000000000dEaD" });

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("unknown_recipient", (await unknown.ReadJsonAsync())["code"]!.GetValue<string>());
    }

}

[Collection(SqliteCollection.Name)]
public sealed class TransferTestsOnSqlite(SqliteApiFixture fixture) : TransferTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class TransferTestsOnPostgres(PostgresApiFixture fixture) : TransferTests(fixture);
