using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Nethereum.Util;
using Nethereum.Web3;
using Vfip.Api.Tests.Support;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Chain.Contracts.LicenseRegistry;

namespace Vfip.Api.Tests.Licensing;

/// <summary>
/// Licences granted and revoked directly on chain from a self-custody wallet, without VFIP, reach the read model through
/// the chain indexer; their terms stay unknown (only the hash is anchored) until someone publishes the document.
/// </summary>
public abstract class OnChainLicenseTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task WalletGrant_IsIndexedWithTermsUnknown_UntilTheMatchingDocumentIsPublished_AndWalletRevocationIsIndexed()
    {
        // Arrange: a design owned by the owner's own wallet, and a licensee with a linked wallet.
        var owner = await Fixture.Factory.SignedInClientAsync();
        var ownerWallet = EthECKey.GenerateKey();
        var design = await owner.RegisterAnchoredFromWalletAsync(ownerWallet, Fixture.Chain, "Wallet-licensed cape");
        var designId = design["id"]!.GetValue<string>();
        var licensee = await Fixture.Factory.SignedInClientAsync();
        var licenseeAddress = await licensee.LinkWalletAsync(EthECKey.GenerateKey(), LocalChainFixture.ChainId);
        var licenseeUserId = (await (await licensee.GetAsync("/api/v1/me")).ReadJsonAsync())["id"]!.GetValue<string>();
        var wallet = await WalletDesigns.FundedWeb3Async(ownerWallet, Fixture.Chain);
        var terms = UniqueTerms();

        // Act: the owner's wallet grants directly on chain.
        var granted = await GrantOnChainAsync(wallet, design, licenseeAddress, terms);

        // Assert: the licence appears, active, with its chain record and licensee, terms unknown.
        var licenseId = granted.Event.LicenseId.ToString(CultureInfo.InvariantCulture);
        var listed = await owner.WaitUntilAsync($"/api/v1/designs/{designId}/licenses", page => FindLicense(page, licenseId) is not null);
        var license = FindLicense(listed, licenseId)!;
        Assert.Equal("active", license["status"]!.GetValue<string>());
        Assert.Null(license["terms"]);
        Assert.Equal(Hash(terms), license["termsHash"]!.GetValue<string>());
        Assert.Equal(licenseeAddress, license["licensee"]!["address"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(licenseeUserId, license["licensee"]!["userId"]!.GetValue<string>());
        Assert.Null(license["parentLicenseId"]);
        Assert.Equal(granted.Log.TransactionHash, license["grant"]!["txHash"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal((long)granted.Log.BlockNumber.Value, license["grant"]!["blockNumber"]!.GetValue<long>());
        Assert.Equal((int)granted.Log.LogIndex.Value, license["grant"]!["logIndex"]!.GetValue<int>());
        var verify = $"/api/v1/verify?designId={designId}&holder={licenseeAddress}&use=games&commercial=true";
        Assert.Contains("license_terms_unknown", Reasons(await (await licensee.GetAsync(verify)).ReadJsonAsync()));

        // A document with another hash, or an inconsistent one, is refused and changes nothing.
        var wrong = await licensee.PutAsJsonAsync($"/api/v1/licenses/{licenseId}/terms", UniqueTerms());
        Assert.Equal(HttpStatusCode.Conflict, wrong.StatusCode);
        Assert.Equal("terms_hash_mismatch", (await wrong.ReadJsonAsync())["code"]!.GetValue<string>());
        var broken = await licensee.PutAsJsonAsync($"/api/v1/licenses/{licenseId}/terms", new { version = 1, commercial = false, revenueShareBps = 500, channels = new[] { "games" } });
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Null((await (await licensee.GetAsync($"/api/v1/licenses/{licenseId}")).ReadJsonAsync())["terms"]);

        // The right document is accepted, by anyone signed in (here the licensee), and verification allows.
        var published = await licensee.PutAsJsonAsync($"/api/v1/licenses/{licenseId}/terms", terms);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        Assert.Equal(terms.Platforms![0], (await published.ReadJsonAsync())["terms"]!["platforms"]![0]!.GetValue<string>());
        var allowed = await (await licensee.GetAsync(verify)).ReadJsonAsync();
        Assert.True(allowed["allowed"]!.GetValue<bool>(), allowed.ToJsonString());
        Assert.Equal(granted.Log.TransactionHash, allowed["proof"]!["txHash"]!.GetValue<string>(), ignoreCase: true);

        // The owner's wallet revokes directly on chain.
        var revoked = await wallet.Eth.GetContractTransactionHandler<RevokeFunction>().SendRequestAndWaitForReceiptAsync(
            Fixture.Chain.Licenses.Address, new RevokeFunction { LicenseId = granted.Event.LicenseId, ReasonHash = new byte[32] });
        var block = await wallet.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(revoked.BlockNumber.Value));

        var gone = await owner.WaitForLicenseAsync(licenseId, "revoked");
        Assert.Equal(DateTime.UnixEpoch.AddSeconds((long)block.Timestamp.Value), gone["revokedAt"]!.GetValue<DateTime>().ToUniversalTime());
        Assert.Equal(revoked.TransactionHash, gone["revocation"]!["txHash"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal((long)revoked.BlockNumber.Value, gone["revocation"]!["blockNumber"]!.GetValue<long>());
        Assert.Contains("license_revoked", Reasons(await (await licensee.GetAsync(verify)).ReadJsonAsync()));

        var provenance = (await (await owner.GetAsync($"/api/v1/designs/{designId}/provenance")).ReadJsonAsync())["events"]!.AsArray();
        Assert.Equal(["registered", "license_granted", "license_revoked"], provenance.Select(e => e!["kind"]!.GetValue<string>()));
        Assert.Equal(granted.Log.TransactionHash, provenance[1]!["chain"]!["txHash"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(licenseId, provenance[1]!["licenseId"]!.GetValue<string>());
        Assert.Equal(revoked.TransactionHash, provenance[2]!["chain"]!["txHash"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(licenseId, provenance[2]!["licenseId"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task GrantByVfip_IsNotIndexedTwice_AndAWalletGrantUnderKnownTermsTakesThem()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var ownerWallet = EthECKey.GenerateKey();
        var design = await owner.RegisterAnchoredFromWalletAsync(ownerWallet, Fixture.Chain, "Known-terms scarf");
        var designId = design["id"]!.GetValue<string>();
        var wallet = await WalletDesigns.FundedWeb3Async(ownerWallet, Fixture.Chain);

        // Terms VFIP knows: an offer published on another design carries them.
        var other = await Fixture.Factory.SignedInClientAsync();
        var otherDesign = await other.RegisterAnchoredAsync(title: "Offer holder");
        var terms = UniqueTerms();
        await other.OfferAsync(otherDesign["id"]!.GetValue<string>(), new { terms });

        var granted = await GrantOnChainAsync(wallet, design, EthECKey.GenerateKey().GetPublicAddress(), terms);

        var licenseId = granted.Event.LicenseId.ToString(CultureInfo.InvariantCulture);
        var license = await owner.WaitForLicenseAsync(licenseId, "active");
        Assert.Equal(terms.Platforms![0], license["terms"]!["platforms"]![0]!.GetValue<string>());
        Assert.Equal(string.Empty, license["licensee"]!["userId"]!.GetValue<string>());
        Assert.Equal(1, (await (await owner.GetAsync($"/api/v1/designs/{designId}/licenses")).ReadJsonAsync())["total"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task DerivativeLink_MadeOnChainByTheChildsOwner_ShowsInTheChildsLineage()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var parent = await owner.RegisterAnchoredAsync(title: "Remixable bodice");
        var parentId = parent["id"]!.GetValue<string>();
        var designer = await Fixture.Factory.SignedInClientAsync();
        var license = await designer.AcceptUntilActiveAsync(await owner.OfferAsync(parentId, new { preset = "remix" }));
        var licenseId = license["id"]!.GetValue<string>();
        var child = await designer.RegisterAnchoredAsync(title: "Bodice remix, registered as an original");
        var childId = child["id"]!.GetValue<string>();
        Assert.Null(child["lineage"]);

        // The child's owner links it to its parent from their own wallet (their custodial key, exported), without VFIP.
        var exported = await (await designer.PostAsJsonAsync("/api/v1/me/custodial-key/export", new { password = VfipClient.Password })).ReadJsonAsync();
        var wallet = await WalletDesigns.FundedWeb3Async(new EthECKey(exported["privateKey"]!.GetValue<string>()), Fixture.Chain);
        var linked = await wallet.Eth.GetContractTransactionHandler<RegisterDerivativeFunction>().SendRequestAndWaitForReceiptAsync(
            Fixture.Chain.Licenses.Address,
            new RegisterDerivativeFunction
            {
                ChildTokenId = BigInteger.Parse(child["chain"]!["tokenId"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                ParentTokenId = BigInteger.Parse(parent["chain"]!["tokenId"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                LicenseId = BigInteger.Parse(licenseId, CultureInfo.InvariantCulture),
            });
        Assert.Equal(1, (int)linked.Status.Value);

        var derived = await designer.WaitUntilAsync($"/api/v1/designs/{childId}", d => d["lineage"] is not null);
        var link = Assert.Single(derived["lineage"]!["parents"]!.AsArray());
        Assert.Equal(parentId, link!["designId"]!.GetValue<string>());
        Assert.Equal(licenseId, link["licenseId"]!.GetValue<string>());
        Assert.NotNull(derived["lineage"]!["anchoredAt"]);
        var provenance = (await (await designer.GetAsync($"/api/v1/designs/{childId}/provenance")).ReadJsonAsync())["events"]!.AsArray();
        Assert.Equal(linked.TransactionHash, provenance.Single(e => e!["kind"]!.GetValue<string>() == "derivative_registered")!["chain"]!["txHash"]!.GetValue<string>(), ignoreCase: true);
    }

    [SkippableFact]
    public async Task Restart_ResumesFromTheStoredCursor_AndAppliesWhatHappenedWhileDown()
    {
        var store = await Fixture.NewStoreAsync();
        var email = $"indexer-{Guid.NewGuid():N}@example.com";
        var ownerWallet = EthECKey.GenerateKey();
        JsonNode design;
        Web3 wallet;
        string firstId;
        long firstCursor;
        await using (var first = Fixture.CreateFactory(store))
        {
            var owner = await first.SignedInClientAsync(email);
            design = await owner.RegisterAnchoredFromWalletAsync(ownerWallet, Fixture.Chain, "Restarted robe");
            wallet = await WalletDesigns.FundedWeb3Async(ownerWallet, Fixture.Chain);
            var firstGrant = await GrantOnChainAsync(wallet, design, EthECKey.GenerateKey().GetPublicAddress(), UniqueTerms());
            firstId = firstGrant.Event.LicenseId.ToString(CultureInfo.InvariantCulture);
            await owner.WaitForLicenseAsync(firstId, "active");

            // The cursor is stored past the grant's block once the grant is applied.
            firstCursor = await WaitForCursorAsync(first, (long)firstGrant.Log.BlockNumber.Value + 1);

            // Forget the licence behind the indexer's back: only re-reading history could bring it back.
            await using var scope = first.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IVfipDbContext>().Licenses.Where(l => l.Id == firstId).ExecuteDeleteAsync();
        }

        // While the service is down, the owner grants again.
        var whileDown = await GrantOnChainAsync(wallet, design, EthECKey.GenerateKey().GetPublicAddress(), UniqueTerms());
        var whileDownId = whileDown.Event.LicenseId.ToString(CultureInfo.InvariantCulture);

        await using var second = Fixture.CreateFactory(store);
        var again = second.CreateClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", await VfipClient.LoginAsync(again, email));

        // Nothing that happened while down is skipped...
        await again.WaitForLicenseAsync(whileDownId, "active");
        var cursor = await WaitForCursorAsync(second, (long)whileDown.Log.BlockNumber.Value + 1);
        Assert.True(cursor > firstCursor);

        // ...and what was applied before the restart is not applied again (events apply in chain order, so the first
        // grant would be back by now had the second instance started over from the deployment block).
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync($"/api/v1/licenses/{firstId}")).StatusCode);
        store.Delete();
    }

    /// <summary>Unique terms (a platform nobody else names), so their hash is unknown to the shared database.</summary>
    private static LicenseTermsDocument UniqueTerms() =>
        LicenseTermsDocument.From(LicenseTermsDocument.Resolve("commercial", new LicenseTermsDocument(Platforms: [$"platform-{Guid.NewGuid():N}"])));

    private static string Hash(LicenseTermsDocument terms) => LicenseTermsDocument.Resolve(null, terms).Hash();

    private async Task<EventLog<LicenseGrantedEventDTO>> GrantOnChainAsync(Web3 wallet, JsonNode design, string licensee, LicenseTermsDocument terms)
    {
        var receipt = await wallet.Eth.GetContractTransactionHandler<GrantFunction>().SendRequestAndWaitForReceiptAsync(
            Fixture.Chain.Licenses.Address,
            new GrantFunction
            {
                TokenId = BigInteger.Parse(design["chain"]!["tokenId"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                Licensee = licensee,
                ParentId = 0,
                TermsHash = Convert.FromHexString(Hash(terms)[2..]),
                StartsAt = 0,
                EndsAt = DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds(),
                Sublicensable = false,
                DerivativesAllowed = false,
                Salt = RandomNumberGenerator.GetBytes(32),
            });
        Assert.Equal(1, (int)receipt.Status.Value);
        return Assert.Single(receipt.DecodeAllEvents<LicenseGrantedEventDTO>());
    }

    private async Task<long> WaitForCursorAsync(VfipFactory factory, long atLeast)
    {
        var contract = Fixture.Chain.Licenses.Address.ConvertToEthereumChecksumAddress();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var next = await scope.ServiceProvider.GetRequiredService<IVfipDbContext>().ChainCursors.AsNoTracking()
                .Where(c => c.Contract == contract)
                .Select(c => (long?)c.NextBlock)
                .FirstOrDefaultAsync();
            if (next >= atLeast)
            {
                return next.Value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The licence registry's cursor is at {next}, not past block {atLeast - 1}");
            await Task.Delay(100);
        }
    }

    private static JsonNode? FindLicense(JsonNode page, string id) => page["items"]!.AsArray().FirstOrDefault(l => l!["id"]!.GetValue<string>() == id);

    private static IEnumerable<string> Reasons(JsonNode verdict) => verdict["reasons"]!.AsArray().Select(r => r!.GetValue<string>());
}

[Collection(SqliteCollection.Name)]
public sealed class OnChainLicenseTestsOnSqlite(SqliteApiFixture fixture) : OnChainLicenseTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class OnChainLicenseTestsOnPostgres(PostgresApiFixture fixture) : OnChainLicenseTests(fixture);
