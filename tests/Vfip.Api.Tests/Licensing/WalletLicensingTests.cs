using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Web3;
using Vfip.Api.Tests.Support;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.Contracts.LicenseRegistry;

namespace Vfip.Api.Tests.Licensing;

/// <summary>
/// Wallets in licensing (ADR 0017): a licensee accepts with an EIP-712 signature from a linked wallet, and a
/// self-custody licensor signs grants and revocations in their wallet, which VFIP relays.
/// </summary>
public abstract class WalletLicensingTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Accept_WithALinkedWalletsSignature_NamesTheWalletOnChainAndKeepsTheSignature()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var designId = (await owner.RegisterAnchoredAsync())["id"]!.GetValue<string>();
        var offerId = await owner.OfferAsync(designId, new { preset = "commercial" });
        var licensee = await Fixture.Factory.SignedInClientAsync();
        var wallet = EthECKey.GenerateKey();
        var address = await licensee.LinkWalletAsync(wallet, LocalChainFixture.ChainId);

        var request = await AcceptanceRequestAsync(licensee, offerId, address);
        var signature = Sign(request["typedData"]!, wallet);
        var accepted = await licensee.PostAsJsonAsync($"/api/v1/offers/{offerId}/accept", new { signature, address, deadline = DeadlineOf(request) });

        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var pending = await accepted.ReadJsonAsync();
        Assert.Equal(address, pending["licensee"]!["address"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(address, pending["acceptance"]!["address"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(signature, pending["acceptance"]!["signature"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var licenseId = pending["id"]!.GetValue<string>();
        var active = await licensee.WaitForLicenseAsync(licenseId, "active");
        Assert.NotNull(active["acceptance"]);
        Assert.Equal(address, (await LicenseOnChainAsync(licenseId)).Licensee, StringComparer.OrdinalIgnoreCase);

        // The same signed acceptance cannot buy a second licence.
        var again = await licensee.PostAsJsonAsync($"/api/v1/offers/{offerId}/accept", new { signature, address, deadline = DeadlineOf(request) });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("acceptance_already_used", (await again.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Accept_WithABadForeignReplayedOrExpiredSignature_IsRefusedAndStoresNothing()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var designId = (await owner.RegisterAnchoredAsync())["id"]!.GetValue<string>();
        var offerId = await owner.OfferAsync(designId, new { preset = "commercial" });
        var otherOfferId = await owner.OfferAsync(designId, new { preset = "personal" });
        var licensee = await Fixture.Factory.SignedInClientAsync();
        var wallet = EthECKey.GenerateKey();
        var address = await licensee.LinkWalletAsync(wallet, LocalChainFixture.ChainId);
        var stranger = EthECKey.GenerateKey();
        var request = await AcceptanceRequestAsync(licensee, offerId, address);
        var deadline = DeadlineOf(request);

        async Task RefusedAsync(string offer, object body, string code)
        {
            var response = await licensee.PostAsJsonAsync($"/api/v1/offers/{offer}/accept", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{code}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(code, (await response.ReadJsonAsync())["code"]!.GetValue<string>());
        }

        // Nobody's signature; another key's signature claimed for this wallet; a stranger's own wallet, not linked.
        await RefusedAsync(offerId, new { signature = "0x" + new string('1', 128) + "1b", address, deadline }, "invalid_signature");
        await RefusedAsync(offerId, new { signature = Sign(request["typedData"]!, stranger), address, deadline }, "invalid_signature");
        var strangers = Sign(request["typedData"]!.WithMessage("licensee", stranger.GetPublicAddress()), stranger);
        await RefusedAsync(offerId, new { signature = strangers, address = stranger.GetPublicAddress(), deadline }, "wallet_not_linked");
        // This wallet's real signature of one offer, replayed on another.
        await RefusedAsync(otherOfferId, new { signature = Sign(request["typedData"]!, wallet), address, deadline }, "invalid_signature");
        // A signature whose deadline has passed.
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        await RefusedAsync(offerId, new { signature = Sign(request["typedData"]!.WithMessage("deadline", past), wallet), address, deadline = past }, "signature_expired");
        // An address that is not the caller's cannot even ask for typed data.
        var foreign = await licensee.GetAsync($"/api/v1/offers/{offerId}/acceptance?address={stranger.GetPublicAddress()}");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);

        var mine = await (await licensee.GetAsync("/api/v1/me/licenses")).ReadJsonAsync();
        Assert.Equal(0, mine["total"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task SelfCustodyOwner_SignsTheGrantAndTheRevocation_WhichAreRelayedAndVerified()
    {
        var (owner, ownerWallet, ownerAddress) = await SelfCustodyUserAsync(Fixture.Factory);
        var designId = await RegisterSignedAsync(owner, ownerWallet);
        var offerId = await owner.OfferAsync(designId, new { preset = "commercial" });
        var licensee = await Fixture.Factory.SignedInClientAsync();

        var accepted = await licensee.PostAsync($"/api/v1/offers/{offerId}/accept", null);

        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        var pending = await accepted.ReadJsonAsync();
        var licenseId = pending["id"]!.GetValue<string>();
        Assert.Equal("pending", pending["status"]!.GetValue<string>());
        Assert.Equal(ownerAddress, pending["awaitingSignatureFrom"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        Assert.Null(pending["signatureRequest"]);
        var forOwner = await (await owner.GetAsync($"/api/v1/licenses/{licenseId}")).ReadJsonAsync();
        var grantRequest = forOwner["signatureRequest"]!["typedData"]!;
        Assert.Equal("LicenseGrant", grantRequest["primaryType"]!.GetValue<string>());
        Assert.Equal(Fixture.Chain.Licenses.Address, grantRequest["domain"]!["verifyingContract"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var listed = await (await owner.GetAsync($"/api/v1/designs/{designId}/licenses")).ReadJsonAsync();
        Assert.NotNull(listed["items"]!.AsArray().Single(l => l!["id"]!.GetValue<string>() == licenseId)!["signatureRequest"]);
        Assert.Null((await (await licensee.GetAsync($"/api/v1/licenses/{licenseId}")).ReadJsonAsync())["signatureRequest"]);

        // Nothing is sent before the owner signs; a wrong signer and the wrong caller are refused.
        await Task.Delay(500);
        Assert.Equal("pending", (await (await owner.GetAsync($"/api/v1/licenses/{licenseId}")).ReadJsonAsync())["status"]!.GetValue<string>());
        await SignatureRefusedAsync(owner, licenseId, Sign(grantRequest, EthECKey.GenerateKey()), HttpStatusCode.BadRequest, "invalid_signature");
        await SignatureRefusedAsync(licensee, licenseId, Sign(grantRequest, ownerWallet), HttpStatusCode.Forbidden, "not_licensor");

        var signed = await owner.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/signature", new { signature = Sign(grantRequest, ownerWallet) });

        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        await owner.WaitForLicenseAsync(licenseId, "active");
        Assert.True(await IsValidOnChainAsync(licenseId));
        var holder = await licensee.UserIdAsync();
        Assert.True((await VerifyAsync(owner, designId, holder))["allowed"]!.GetValue<bool>());
        await SignatureRefusedAsync(owner, licenseId, Sign(grantRequest, ownerWallet), HttpStatusCode.Conflict, "license_not_awaiting_signature");

        // Revocation: it counts at once off chain, and on chain once the wallet signs it.
        var revoking = await owner.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/revoke", new { reason = "unpaid" });
        Assert.True(revoking.StatusCode == HttpStatusCode.Accepted, await revoking.Content.ReadAsStringAsync());
        var revocationRequest = (await revoking.ReadJsonAsync())["signatureRequest"]!["typedData"]!;
        Assert.Equal("LicenseRevocation", revocationRequest["primaryType"]!.GetValue<string>());
        Assert.False((await VerifyAsync(owner, designId, holder))["allowed"]!.GetValue<bool>());
        Assert.True(await IsValidOnChainAsync(licenseId));
        await SignatureRefusedAsync(owner, licenseId, Sign(revocationRequest, EthECKey.GenerateKey()), HttpStatusCode.BadRequest, "invalid_signature");

        var revocationSigned = await owner.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/signature", new { signature = Sign(revocationRequest, ownerWallet) });

        Assert.True(revocationSigned.StatusCode == HttpStatusCode.OK, await revocationSigned.Content.ReadAsStringAsync());
        var revoked = await owner.WaitForLicenseAsync(licenseId, "revoked");
        Assert.Matches("^0x[0-9a-f]{64}$", revoked["revocationTxHash"]!.GetValue<string>());
        Assert.False(await IsValidOnChainAsync(licenseId));
        Assert.Contains("license_revoked", (await VerifyAsync(owner, designId, holder))["reasons"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Sublicence_UnderALicenceAcceptedWithAWallet_WaitsForThatWalletsSignature()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var designId = (await owner.RegisterAnchoredAsync())["id"]!.GetValue<string>();
        var offerId = await owner.OfferAsync(designId, new { preset = "commercial", terms = new { sublicensable = true } });
        var holder = await Fixture.Factory.SignedInClientAsync();
        var wallet = EthECKey.GenerateKey();
        var address = await holder.LinkWalletAsync(wallet, LocalChainFixture.ChainId);
        var request = await AcceptanceRequestAsync(holder, offerId, address);
        var accepted = await holder.PostAsJsonAsync(
            $"/api/v1/offers/{offerId}/accept", new { signature = Sign(request["typedData"]!, wallet), address, deadline = DeadlineOf(request) });
        var parentId = (await accepted.ReadJsonAsync())["id"]!.GetValue<string>();
        await holder.WaitForLicenseAsync(parentId, "active");
        var sublicensee = await Fixture.Factory.SignedInClientAsync();

        var granted = await holder.PostAsJsonAsync(
            $"/api/v1/licenses/{parentId}/sublicenses", new { licensee = await sublicensee.UserIdAsync(), preset = "personal" });

        Assert.True(granted.StatusCode == HttpStatusCode.Accepted, await granted.Content.ReadAsStringAsync());
        var sublicence = await granted.ReadJsonAsync();
        Assert.Equal(address, sublicence["awaitingSignatureFrom"]!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var id = sublicence["id"]!.GetValue<string>();
        var signed = await holder.PostAsJsonAsync(
            $"/api/v1/licenses/{id}/signature", new { signature = Sign(sublicence["signatureRequest"]!["typedData"]!, wallet) });
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        await holder.WaitForLicenseAsync(id, "active");
        Assert.Equal(parentId, (await LicenseOnChainAsync(id)).ParentId.ToString(CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task UnsignedGrant_WithdrawnByTheOwner_IsRejectedAndNoLongerHoldsExclusivity()
    {
        var (owner, ownerWallet, _) = await SelfCustodyUserAsync(Fixture.Factory);
        var designId = await RegisterSignedAsync(owner, ownerWallet);
        var offerId = await owner.OfferAsync(designId, new { preset = "exclusive" });
        var first = await Fixture.Factory.SignedInClientAsync();
        var second = await Fixture.Factory.SignedInClientAsync();
        var licenseId = (await (await first.PostAsync($"/api/v1/offers/{offerId}/accept", null)).ReadJsonAsync())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsync($"/api/v1/offers/{offerId}/accept", null)).StatusCode);

        var withdrawn = await owner.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/revoke", new { reason = "changed my mind" });

        Assert.True(withdrawn.StatusCode == HttpStatusCode.Accepted, await withdrawn.Content.ReadAsStringAsync());
        var rejected = await withdrawn.ReadJsonAsync();
        Assert.Equal("rejected", rejected["status"]!.GetValue<string>());
        Assert.Contains("changed my mind", rejected["rejectionReason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, (await second.PostAsync($"/api/v1/offers/{offerId}/accept", null)).StatusCode);
    }

    [SkippableFact]
    public async Task SignatureRequest_PastItsDeadline_IsRefusedUntilRenewed()
    {
        // An instance of its own with a clock the test moves; a registrar of its own, so two senders never race for nonces.
        var clock = new ShiftedClock();
        var store = await Fixture.NewStoreAsync();
        await using var factory = Fixture.CreateFactory(store, new Dictionary<string, string?>
        {
            ["Chain:SignerKey"] = LocalChainFixture.SecondRegistrar.PrivateKey,
            ["Auth:SignatureWindow"] = "00:10:00",
        });
        await using var instance = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var (owner, ownerWallet, _) = await SelfCustodyUserAsync(instance);
        var designId = await RegisterSignedAsync(owner, ownerWallet);
        var offerId = await owner.OfferAsync(designId, new { preset = "personal" });
        var licensee = await instance.SignedInClientAsync();
        var licenseId = (await (await licensee.PostAsync($"/api/v1/offers/{offerId}/accept", null)).ReadJsonAsync())["id"]!.GetValue<string>();
        var stale = (await (await owner.GetAsync($"/api/v1/licenses/{licenseId}")).ReadJsonAsync())["signatureRequest"]!;

        clock.Offset = TimeSpan.FromMinutes(20);

        await SignatureRefusedAsync(owner, licenseId, Sign(stale["typedData"]!, ownerWallet), HttpStatusCode.BadRequest, "signature_expired");
        var renewed = await owner.PostAsync($"/api/v1/licenses/{licenseId}/signature-request", null);
        Assert.True(renewed.StatusCode == HttpStatusCode.OK, await renewed.Content.ReadAsStringAsync());
        var fresh = (await renewed.ReadJsonAsync())["signatureRequest"]!;
        Assert.True(fresh["deadline"]!.GetValue<DateTime>() > stale["deadline"]!.GetValue<DateTime>());
        var signed = await owner.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/signature", new { signature = Sign(fresh["typedData"]!, ownerWallet) });
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        await owner.WaitForLicenseAsync(licenseId, "active");
        store.Delete();
    }

    // eth_signTypedData_v4 over the JSON the service handed out, as a wallet does.
    private static string Sign(JsonNode typedData, EthECKey key) => new Eip712TypedDataSigner().SignTypedDataV4(typedData.ToJsonString(), key);

    private static long DeadlineOf(JsonNode request) => long.Parse(request["typedData"]!["message"]!["deadline"]!.ToString(), CultureInfo.InvariantCulture);

    private static async Task<JsonNode> AcceptanceRequestAsync(HttpClient licensee, string offerId, string address)
    {
        var response = await licensee.GetAsync($"/api/v1/offers/{offerId}/acceptance?address={address}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var request = await response.ReadJsonAsync();
        Assert.Equal("LicenseAcceptance", request["typedData"]!["primaryType"]!.GetValue<string>());
        return request;
    }

    private static async Task SignatureRefusedAsync(HttpClient client, string licenseId, string signature, HttpStatusCode status, string code)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/signature", new { signature });
        Assert.True(response.StatusCode == status, $"{code}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(code, (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    // A user whose new designs are owned by a wallet they linked and hold the key of.
    private static async Task<(HttpClient Client, EthECKey Wallet, string Address)> SelfCustodyUserAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        var client = await factory.SignedInClientAsync();
        var wallet = EthECKey.GenerateKey();
        var address = await client.LinkWalletAsync(wallet, LocalChainFixture.ChainId);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/v1/me/custody", new { custody = "wallet", address })).StatusCode);
        return (client, wallet, address);
    }

    private async Task<string> RegisterSignedAsync(HttpClient owner, EthECKey wallet)
    {
        var registered = await (await owner.RegisterAsync(new { title = "Self-custody coat" }, TestImages.UniquePng())).ReadJsonAsync();
        var id = registered["id"]!.GetValue<string>();
        var signature = RegistrationSignature.Sign(
            WalletSigning.RegistrationOf(registered["signatureRequest"]!["typedData"]!["message"]!), LocalChainFixture.ChainId, Fixture.Chain.Registry.Address, wallet.GetPrivateKey());
        var signed = await owner.PostAsJsonAsync($"/api/v1/designs/{id}/signature", new { signature });
        Assert.True(signed.StatusCode == HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        await owner.WaitUntilAnchoredAsync(id);
        return id;
    }

    private static async Task<JsonNode> VerifyAsync(HttpClient client, string designId, string holder)
    {
        var response = await client.GetAsync($"/api/v1/verify?designId={designId}&holder={holder}&use=games");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private Task<LicenseOfOutputDTO> LicenseOnChainAsync(string licenseId) =>
        new Web3(Fixture.Chain.RpcUrl).Eth.GetContractQueryHandler<LicenseOfFunction>().QueryDeserializingToObjectAsync<LicenseOfOutputDTO>(
            new LicenseOfFunction { LicenseId = BigInteger.Parse(licenseId, CultureInfo.InvariantCulture) }, Fixture.Chain.Licenses.Address);

    private Task<bool> IsValidOnChainAsync(string licenseId) => Fixture.Chain.IsLicenseValidOnChainAsync(licenseId);
}

internal static class TypedDataEdits
{
    /// <summary>A copy of the typed data with one message field changed: what a tampering client would sign.</summary>
    public static JsonNode WithMessage(this JsonNode typedData, string field, object value)
    {
        var copy = typedData.DeepClone();
        copy["message"]![field] = JsonValue.Create(value);
        return copy;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WalletLicensingTestsOnSqlite(SqliteApiFixture fixture) : WalletLicensingTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WalletLicensingTestsOnPostgres(PostgresApiFixture fixture) : WalletLicensingTests(fixture);
