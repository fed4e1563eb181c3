using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json.Nodes;
using Nethereum.Web3;
using Vfip.Api.Tests.Support;
using Vfip.Chain.Contracts.LicenseRegistry;

namespace Vfip.Api.Tests.Licensing;

/// <summary>
/// Derivatives under licences that require the parent owner's approval (held until every such owner decides), and
/// under reciprocal licences (the derivative inherits the terms). ADR 0018.
/// </summary>
public abstract class DerivativeApprovalTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    private static readonly object ApprovalTerms = new { preset = "remix", terms = new { derivatives = new { approvalRequired = true, reciprocal = false } } };

    [SkippableFact]
    public async Task ApprovalRequired_HoldsTheDerivative_UntilTheParentsOwnerApproves_ThenAnchorsItsLineage()
    {
        var (owner, remixer, parentId, licenseId, image) = await LicensedParentAsync(ApprovalTerms);
        var stranger = await Fixture.Factory.SignedInClientAsync();

        var registered = await RegisterDerivativeAsync(remixer, parentId, licenseId, image);

        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var held = await registered.ReadJsonAsync();
        var childId = held["id"]!.GetValue<string>();
        Assert.Equal("awaiting_approval", held["status"]!.GetValue<string>());
        Assert.Null(held["chain"]);
        Assert.Equal(parentId, held["approvals"]![0]!["parentDesignId"]!.GetValue<string>());
        Assert.Equal(licenseId, held["approvals"]![0]!["licenseId"]!.GetValue<string>());
        Assert.Equal("pending", held["approvals"]![0]!["status"]!.GetValue<string>());
        await AssertHeldOffChainAsync(owner, held);

        var requests = await (await owner.GetAsync("/api/v1/me/approvals?status=pending")).ReadJsonAsync();
        Assert.Contains(requests["items"]!.AsArray(), r => r!["designId"]!.GetValue<string>() == childId && r["parentDesignId"]!.GetValue<string>() == parentId);
        Assert.DoesNotContain((await (await remixer.GetAsync("/api/v1/me/approvals")).ReadJsonAsync())["items"]!.AsArray(), r => r!["designId"]!.GetValue<string>() == childId);

        var byStranger = await Decide(stranger, childId, parentId, approve: true);
        var byRemixer = await Decide(remixer, childId, parentId, approve: true);
        Assert.Equal(HttpStatusCode.Forbidden, byStranger.StatusCode);
        Assert.Equal("not_parent_owner", (await byStranger.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, byRemixer.StatusCode);

        var approved = await Decide(owner, childId, parentId, approve: true);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await approved.ReadJsonAsync())["approvals"]![0]!["status"]!.GetValue<string>());
        var child = await remixer.WaitUntilAnchoredAsync(childId);
        child = await remixer.WaitUntilAsync($"/api/v1/designs/{childId}", d => d["lineage"]!["anchoredAt"] is not null || d["lineage"]!["refusal"] is not null);
        Assert.True(child["lineage"]!["refusal"] is null, child.ToJsonString());
        Assert.NotNull(child["approvals"]![0]!["decidedAt"]);
        Assert.Contains(await LineageLinksAsync(child), l => l.Event.LicenseId.ToString(CultureInfo.InvariantCulture) == licenseId);

        var again = await Decide(owner, childId, parentId, approve: false, reason: "changed my mind");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("approval_already_decided", (await again.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task ApprovalRequired_Refused_RejectsTheDerivative_AndNothingIsAnchored()
    {
        var (owner, remixer, parentId, licenseId, image) = await LicensedParentAsync(ApprovalTerms);
        var held = await (await RegisterDerivativeAsync(remixer, parentId, licenseId, image)).ReadJsonAsync();
        var childId = held["id"]!.GetValue<string>();

        var withoutReason = await Decide(owner, childId, parentId, approve: false);
        var refused = await Decide(owner, childId, parentId, approve: false, reason: "too close to my own next drop");

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal("reason_required", (await withoutReason.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var child = await (await remixer.GetAsync($"/api/v1/designs/{childId}")).ReadJsonAsync();
        Assert.Equal("rejected", child["status"]!.GetValue<string>());
        Assert.Contains("too close to my own next drop", child["rejectionReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("refused", child["approvals"]![0]!["status"]!.GetValue<string>());
        Assert.Contains(
            (await (await owner.GetAsync("/api/v1/me/approvals?status=refused")).ReadJsonAsync())["items"]!.AsArray(),
            r => r!["designId"]!.GetValue<string>() == childId);
        await AssertHeldOffChainAsync(owner, child);
        Assert.Equal(HttpStatusCode.Conflict, (await Decide(owner, childId, parentId, approve: true)).StatusCode);
    }

    [SkippableFact]
    public async Task ApprovalRequired_LicenceRevokedBeforeApproval_ApprovalIsRefusedAndTheDerivativeStaysHeld()
    {
        var (owner, remixer, parentId, licenseId, image) = await LicensedParentAsync(ApprovalTerms);
        var childId = (await (await RegisterDerivativeAsync(remixer, parentId, licenseId, image)).ReadJsonAsync())["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsJsonAsync($"/api/v1/licenses/{licenseId}/revoke", new { reason = "unpaid fee" })).StatusCode);

        var approved = await Decide(owner, childId, parentId, approve: true);

        Assert.Equal(HttpStatusCode.Conflict, approved.StatusCode);
        var problem = await approved.ReadJsonAsync();
        Assert.Equal("derivative_no_longer_licensed", problem["code"]!.GetValue<string>());
        Assert.Equal(licenseId, problem["licenseId"]!.GetValue<string>());
        var child = await (await remixer.GetAsync($"/api/v1/designs/{childId}")).ReadJsonAsync();
        Assert.Equal("awaiting_approval", child["status"]!.GetValue<string>());
        Assert.Equal("pending", child["approvals"]![0]!["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Reciprocal_DerivativeInheritsTheParentLicencesTerms_AndOffersOnlyReciprocalTerms()
    {
        var (_, remixer, parentId, licenseId, image) = await LicensedParentAsync(new { preset = "remix" });
        var licence = await (await remixer.GetAsync($"/api/v1/licenses/{licenseId}")).ReadJsonAsync();
        var buyer = await Fixture.Factory.SignedInClientAsync();

        var registered = await RegisterDerivativeAsync(remixer, parentId, licenseId, image);

        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var childId = (await registered.ReadJsonAsync())["id"]!.GetValue<string>();
        var child = await remixer.WaitUntilAnchoredAsync(childId);
        var inherited = Assert.Single(child["inheritedTerms"]!.AsArray())!;
        Assert.Equal(licenseId, inherited["licenseId"]!.GetValue<string>());
        Assert.Equal(parentId, inherited["parentDesignId"]!.GetValue<string>());
        Assert.Equal(licence["termsHash"]!.GetValue<string>(), inherited["termsHash"]!.GetValue<string>());
        Assert.True(inherited["terms"]!["derivatives"]!["reciprocal"]!.GetValue<bool>());
        var offers = (await (await buyer.GetAsync($"/api/v1/designs/{childId}/offers")).ReadJsonAsync()).AsArray();
        var offer = Assert.Single(offers, o => o!["inheritedFromLicenseId"]?.GetValue<string>() == licenseId)!;
        Assert.Equal(inherited["offerId"]!.GetValue<string>(), offer["id"]!.GetValue<string>());

        var personal = await remixer.PostAsJsonAsync($"/api/v1/designs/{childId}/offers", new { preset = "personal" });
        var notReciprocal = await remixer.PostAsJsonAsync($"/api/v1/designs/{childId}/offers", new { preset = "remix", terms = new { derivatives = new { reciprocal = false } } });
        var reciprocal = await remixer.PostAsJsonAsync($"/api/v1/designs/{childId}/offers", new { preset = "remix", terms = new { commercial = true } });

        Assert.Equal(HttpStatusCode.Conflict, personal.StatusCode);
        Assert.Equal("reciprocal_terms_required", (await personal.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, notReciprocal.StatusCode);
        Assert.Equal(HttpStatusCode.Created, reciprocal.StatusCode);
        var granted = await buyer.AcceptUntilActiveAsync(offer["id"]!.GetValue<string>());
        Assert.Equal(licence["termsHash"]!.GetValue<string>(), granted["termsHash"]!.GetValue<string>());
    }

    // A parent anchored by a fresh owner, and a fresh remixer holding an active licence on it from an offer of `offerBody`.
    private async Task<(HttpClient Owner, HttpClient Remixer, string ParentId, string LicenseId, byte[] Image)> LicensedParentAsync(object offerBody)
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var remixer = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var parentId = (await owner.RegisterAnchoredAsync(image, "Original print"))["id"]!.GetValue<string>();
        var offerId = await owner.OfferAsync(parentId, offerBody);
        var licenseId = (await remixer.AcceptUntilActiveAsync(offerId))["id"]!.GetValue<string>();
        return (owner, remixer, parentId, licenseId, image);
    }

    private static Task<HttpResponseMessage> RegisterDerivativeAsync(HttpClient remixer, string parentId, string licenseId, byte[] parentImage) =>
        remixer.RegisterAsync(new { title = "Remix", parents = new[] { new { designId = parentId, licenseId } } }, TestImages.AsJpeg(parentImage));

    private static Task<HttpResponseMessage> Decide(HttpClient client, string childId, string parentId, bool approve, string? reason = null) =>
        client.PostAsJsonAsync($"/api/v1/designs/{childId}/approvals/{parentId}", new { approve, reason });

    // The outbox has anchored a design registered after this one, so had this one been queued it would be on chain by now.
    private async Task AssertHeldOffChainAsync(HttpClient someone, JsonNode design)
    {
        await someone.RegisterAnchoredAsync(title: "Registered later");
        var tokenId = BigInteger.Parse("0" + design["contentHash"]!.GetValue<string>()[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var probe = new ChainProbe(Fixture.Chain.RpcUrl, Fixture.Chain.Registry.Address);
        Assert.Empty(await probe.RegistrationsOfAsync(tokenId.ToString(CultureInfo.InvariantCulture)));
        var now = await (await someone.GetAsync($"/api/v1/designs/{design["id"]!.GetValue<string>()}")).ReadJsonAsync();
        Assert.Null(now["chain"]);
    }

    private async Task<IReadOnlyList<Nethereum.Contracts.EventLog<DerivativeRegisteredEventDTO>>> LineageLinksAsync(JsonNode child)
    {
        var web3 = new Web3(Fixture.Chain.RpcUrl);
        var registered = web3.Eth.GetEvent<DerivativeRegisteredEventDTO>(Fixture.Chain.Licenses.Address);
        return await registered.GetAllChangesAsync(registered.CreateFilterInput(
            BigInteger.Parse(child["chain"]!["tokenId"]!.GetValue<string>(), CultureInfo.InvariantCulture)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DerivativeApprovalTestsOnSqlite(SqliteApiFixture fixture) : DerivativeApprovalTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DerivativeApprovalTestsOnPostgres(PostgresApiFixture fixture) : DerivativeApprovalTests(fixture);
