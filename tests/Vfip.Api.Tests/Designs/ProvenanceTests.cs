using System.Net.Http.Json;
using System.Numerics;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Vfip.Api.Tests.Support;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.LocalChain;

namespace Vfip.Api.Tests.Designs;

/// <summary>Provenance comes from the chain's events, so what an owner does directly on chain shows up too.</summary>
public abstract class ProvenanceTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task DirectOnChainTransfer_ShowsInProvenanceOldestFirst_AndInOwnership()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var licensee = await Fixture.Factory.SignedInClientAsync();
        var design = await owner.RegisterAnchoredAsync(title: "Traced look");
        var designId = design["id"]!.GetValue<string>();
        var license = await licensee.AcceptUntilActiveAsync(await owner.OfferAsync(designId, new { preset = "personal" }));

        // The owner takes the custodial key out and moves the token from their own wallet, without VFIP.
        var exported = await (await owner.PostAsJsonAsync("/api/v1/me/custodial-key/export", new { password = VfipClient.Password })).ReadJsonAsync();
        var key = exported["privateKey"]!.GetValue<string>();
        var from = new Account(key, LocalChainFixture.ChainId);
        var funder = new Web3(new Account(DevelopmentKeys.Designer.PrivateKey, LocalChainFixture.ChainId), Fixture.Chain.RpcUrl);
        await funder.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(from.Address, 0.01m);
        var recipient = EthECKey.GenerateKey().GetPublicAddress();
        var receipt = await new Web3(from, Fixture.Chain.RpcUrl).Eth.GetContractTransactionHandler<TransferFromFunction>().SendRequestAndWaitForReceiptAsync(
            Fixture.Chain.Registry.Address,
            new TransferFromFunction { From = from.Address, To = recipient, TokenId = BigInteger.Parse(design["chain"]!["tokenId"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) });

        var provenance = await (await owner.GetAsync($"/api/v1/designs/{designId}/provenance")).ReadJsonAsync();

        var events = provenance["events"]!.AsArray();
        Assert.Equal(["registered", "license_granted", "transferred"], events.Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Equal(design["chain"]!["txHash"]!.GetValue<string>(), events[0]!["chain"]!["txHash"]!.GetValue<string>());
        Assert.Equal(license["id"]!.GetValue<string>(), events[1]!["licenseId"]!.GetValue<string>());
        Assert.Equal(receipt.TransactionHash, events[2]!["chain"]!["txHash"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(recipient, events[2]!["to"]!.GetValue<string>(), ignoreCase: true);

        // The indexer follows the chain: the design now belongs to the recipient, an address no VFIP user holds.
        var moved = await owner.WaitUntilAsync($"/api/v1/designs/{designId}", d => string.Equals(d["owner"]!["address"]!.GetValue<string>(), recipient, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(string.Empty, moved["owner"]!["userId"]!.GetValue<string>());
        Assert.Equal(receipt.TransactionHash, (await (await owner.GetAsync($"/api/v1/verify?designId={designId}&holder={recipient}")).ReadJsonAsync())["proof"]!["txHash"]!.GetValue<string>(), ignoreCase: true);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProvenanceTestsOnSqlite(SqliteApiFixture fixture) : ProvenanceTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ProvenanceTestsOnPostgres(PostgresApiFixture fixture) : ProvenanceTests(fixture);
