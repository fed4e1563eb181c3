using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Licensing;

/// <summary>Offers, grants, sublicences and revocations through HTTP, anchored on the collection's anvil.</summary>
public abstract class LicensingTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Offer_WithInconsistentTerms_IsRefusedWithTheRule()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var designId = await RegisterAsync(owner);

        var response = await owner.PostAsJsonAsync($"/api/v1/designs/{designId}/offers", new { preset = "personal", terms = new { revenueShareBps = 500 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("revenue_share_requires_commercial", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Offer_FromAPresetWithChanges_AnswersTheCanonicalTermsAndTheirHash()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var designId = await RegisterAsync(owner);

        var response = await owner.PostAsJsonAsync(
            $"/api/v1/designs/{designId}/offers", new { preset = "commercial", terms = new { territories = new[] { "FR", "DE" }, platforms = new[] { "Roblox" } } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var offer = await response.ReadJsonAsync();
        Assert.Matches("^0x[0-9a-f]{64}$", offer["termsHash"]!.GetValue<string>());
        Assert.Equal(["DE", "FR"], offer["terms"]!["territories"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["roblox"], offer["terms"]!["platforms"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(offer["terms"]!["commercial"]!.GetValue<bool>());
        var listed = await (await owner.GetAsync($"/api/v1/designs/{designId}/offers")).ReadJsonAsync();
        Assert.Contains(listed.AsArray(), o => o!["id"]!.GetValue<string>() == offer["id"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task AcceptedOffer_IsGrantedOnChain_AndRevocationEndsItThere()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var licensee = await Fixture.Factory.SignedInClientAsync();
        var designId = await RegisterAsync(owner);
        var offerId = await OfferAsync(owner, designId, new { preset = "commercial" });

        var accepted = await licensee.PostAsync($"/api/v1/offers/{offerId}/accept", null);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var pending = await accepted.ReadJsonAsync();
        Assert.Equal("pending", pending["status"]!.GetValue<string>());
        var licenseId = pending["id"]!.GetValue<string>();
        var active = await WaitForStatusAsync(licensee, licenseId, "active");
        Assert.Equal(Fixture.Chain.Licenses.Address, active["grant"]!["contract"]!.GetValue<string>());
        Assert.True(await IsValidOnChainAsync(licenseId));
        Assert.Contains((await (await licensee.GetAsync("/api/v1/me/licenses")).ReadJsonAsync())["items"]!.AsArray(), l => l!["id"]!.GetValue<string>() == licenseId);
        Assert.Contains((await (await owner.GetAsync($"/api/v1/designs/{designId}/licenses")).ReadJsonAsync())["items"]!.AsArray(), l => l!["id"]!.GetValue<string>() == licenseId);

        var notLicensor = await licensee.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/revoke", new { reason = "mine now" });
        Assert.Equal(HttpStatusCode.Forbidden, notLicensor.StatusCode);
        var revoked = await owner.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/revoke", new { reason = "unpaid fee" });
        Assert.Equal(HttpStatusCode.Accepted, revoked.StatusCode);
        var done = await WaitForStatusAsync(owner, licenseId, "revoked");

        Assert.Equal("unpaid fee", done["revocationReason"]!.GetValue<string>());
        Assert.False(await IsValidOnChainAsync(licenseId));
        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/revoke", new { })).StatusCode);
    }

    [SkippableFact]
    public async Task ExclusiveLicence_RefusesAnOverlappingGrant_ButNotADisjointOne()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var designId = await RegisterAsync(owner);
        var exclusiveGames = await OfferAsync(owner, designId, new { preset = "commercial", terms = new { channels = new[] { "games" }, territories = new[] { "FR" }, exclusivity = "channel" } });
        var gamesWorldwide = await OfferAsync(owner, designId, new { preset = "commercial", terms = new { channels = new[] { "games" } } });
        var filmWorldwide = await OfferAsync(owner, designId, new { preset = "commercial", terms = new { channels = new[] { "film" } } });
        var first = await Fixture.Factory.SignedInClientAsync();
        var second = await Fixture.Factory.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await first.PostAsync($"/api/v1/offers/{exclusiveGames}/accept", null)).StatusCode);

        var overlapping = await second.PostAsync($"/api/v1/offers/{gamesWorldwide}/accept", null);
        var disjoint = await second.PostAsync($"/api/v1/offers/{filmWorldwide}/accept", null);

        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal("exclusive_conflict", (await overlapping.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, disjoint.StatusCode);
    }

    [SkippableFact]
    public async Task Sublicence_WithinItsParent_IsGranted_AndOneExceedingItIsRefused()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var holder = await Fixture.Factory.SignedInClientAsync();
        var sub = await Fixture.Factory.SignedInClientAsync();
        var designId = await RegisterAsync(owner);
        var offerId = await OfferAsync(owner, designId, new { preset = "commercial", terms = new { channels = new[] { "games", "ar" }, sublicensable = true } });
        var parentId = (await (await holder.PostAsync($"/api/v1/offers/{offerId}/accept", null)).ReadJsonAsync())["id"]!.GetValue<string>();
        await WaitForStatusAsync(holder, parentId, "active");
        var subUserId = await sub.UserIdAsync();

        var wider = await holder.PostAsJsonAsync($"/api/v1/licenses/{parentId}/sublicenses", new { licensee = subUserId, preset = "commercial", terms = new { channels = new[] { "games", "film" } } });
        var within = await holder.PostAsJsonAsync($"/api/v1/licenses/{parentId}/sublicenses", new { licensee = subUserId, preset = "commercial", terms = new { channels = new[] { "games" } } });

        Assert.Equal(HttpStatusCode.BadRequest, wider.StatusCode);
        Assert.Equal("exceeds_parent", (await wider.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, within.StatusCode);
        var subLicence = await WaitForStatusAsync(sub, (await within.ReadJsonAsync())["id"]!.GetValue<string>(), "active");
        Assert.Equal(parentId, subLicence["parentLicenseId"]!.GetValue<string>());
    }

    private static async Task<string> RegisterAsync(HttpClient owner) => (await owner.RegisterAnchoredAsync())["id"]!.GetValue<string>();

    private static Task<string> OfferAsync(HttpClient owner, string designId, object body) => owner.OfferAsync(designId, body);

    private static Task<JsonNode> WaitForStatusAsync(HttpClient client, string licenseId, string status) => client.WaitForLicenseAsync(licenseId, status);

    private Task<bool> IsValidOnChainAsync(string licenseId) => Fixture.Chain.IsLicenseValidOnChainAsync(licenseId);
}

[Collection(SqliteCollection.Name)]
public sealed class LicensingTestsOnSqlite(SqliteApiFixture fixture) : LicensingTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class LicensingTestsOnPostgres(PostgresApiFixture fixture) : LicensingTests(fixture);
