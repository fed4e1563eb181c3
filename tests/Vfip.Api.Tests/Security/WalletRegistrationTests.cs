using System.Net;
using System.Net.Http.Json;
using Nethereum.Signer;
using Vfip.Api.Tests.Support;
using Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Api.Tests.Security;

/// <summary>
/// A designer whose own wallet owns their designs: registration waits for their EIP-712 signature, which
/// VFIP relays through registerWithSig, and the token is the wallet's on chain.
/// </summary>
public abstract class WalletRegistrationTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    private ChainProbe ChainProbe => new(Fixture.Chain.RpcUrl, Fixture.Chain.Registry.Address);

    [SkippableFact]
    public async Task Register_OwnedByALinkedWallet_AwaitsSignatureThenIsRelayedAndAnchoredToTheWallet()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var wallet = EthECKey.GenerateKey();
        var address = await client.LinkWalletAsync(wallet, LocalChainFixture.ChainId);
        var chosen = await client.PutAsJsonAsync("/api/v1/me/custody", new { custody = "wallet", address });
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal(address, (await chosen.ReadJsonAsync())["address"]!.GetValue<string>());

        var response = await client.RegisterAsync(new { title = "Self-custody gown", category = "dress" }, TestImages.UniquePng());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadJsonAsync();
        var id = accepted["id"]!.GetValue<string>();
        Assert.Equal("awaiting_signature", accepted["status"]!.GetValue<string>());
        Assert.Equal(address, accepted["owner"]!["address"]!.GetValue<string>());
        var typedData = accepted["signatureRequest"]!["typedData"]!;
        Assert.Equal("Registration", typedData["primaryType"]!.GetValue<string>());
        Assert.Equal(Fixture.Chain.Registry.Address, typedData["domain"]!["verifyingContract"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);

        // Nothing is sent before the owner signs.
        await Task.Delay(500);
        Assert.Equal("awaiting_signature", (await (await client.GetAsync($"/api/v1/designs/{id}")).ReadJsonAsync())["status"]!.GetValue<string>());

        var signature = RegistrationSignature.Sign(WalletSigning.RegistrationOf(typedData["message"]!), LocalChainFixture.ChainId, Fixture.Chain.Registry.Address, wallet.GetPrivateKey());
        var signed = await client.PostAsJsonAsync($"/api/v1/designs/{id}/signature", new { signature });

        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        Assert.Equal("pending", (await signed.ReadJsonAsync())["status"]!.GetValue<string>());
        var anchored = await client.WaitUntilAnchoredAsync(id);
        var tokenId = anchored["chain"]!["tokenId"]!.GetValue<string>();
        Assert.Equal(address, await ChainProbe.OwnerOfAsync(tokenId), StringComparer.OrdinalIgnoreCase);
        var registered = Assert.Single(await ChainProbe.RegistrationsOfAsync(tokenId));
        Assert.Equal(address, registered.Event.Owner, StringComparer.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Signature_ByAnotherKey_IsRefusedAndTheDesignStaysAwaiting()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var wallet = EthECKey.GenerateKey();
        var address = await client.LinkWalletAsync(wallet, LocalChainFixture.ChainId);
        await client.PutAsJsonAsync("/api/v1/me/custody", new { custody = "wallet", address });
        var accepted = await (await client.RegisterAsync(new { title = "Forged" }, TestImages.UniquePng())).ReadJsonAsync();
        var id = accepted["id"]!.GetValue<string>();

        var forged = RegistrationSignature.Sign(
            WalletSigning.RegistrationOf(accepted["signatureRequest"]!["typedData"]!["message"]!), LocalChainFixture.ChainId, Fixture.Chain.Registry.Address,
            EthECKey.GenerateKey().GetPrivateKey());
        var response = await client.PostAsJsonAsync($"/api/v1/designs/{id}/signature", new { signature = forged });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_signature", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal("awaiting_signature", (await (await client.GetAsync($"/api/v1/designs/{id}")).ReadJsonAsync())["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Custody_WithAWalletThatIsNotLinked_IsRefused()
    {
        var client = await Fixture.Factory.SignedInClientAsync();

        var response = await client.PutAsJsonAsync("/api/v1/me/custody", new { custody = "wallet", address = EthECKey.GenerateKey().GetPublicAddress() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("wallet_not_linked", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WalletRegistrationTestsOnSqlite(SqliteApiFixture fixture) : WalletRegistrationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WalletRegistrationTestsOnPostgres(PostgresApiFixture fixture) : WalletRegistrationTests(fixture);
