using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Nethereum.Web3;
using Vfip.Api.Tests.Support;
using Vfip.Chain.Contracts.LicenseRegistry;

namespace Vfip.Api.Tests.Licensing;

/// <summary>Derivatives: the licensed path past prior art, with the lineage anchored on chain.</summary>
public abstract class DerivativeTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Derivative_WithoutALicence_IsRefused_AndWithOne_IsRegisteredAndLinkedOnChain()
    {
        var original = await Fixture.Factory.SignedInClientAsync();
        var remixer = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var registered = await original.RegisterAsync(new { title = "Original print" }, image);
        var parentId = (await registered.ReadJsonAsync())["id"]!.GetValue<string>();
        await original.WaitUntilAnchoredAsync(parentId);
        var personalOffer = await Offer(original, parentId, "personal");
        var remixOffer = await Offer(original, parentId, "remix");
        var personal = await AcceptAsync(remixer, personalOffer);
        var lookalike = TestImages.AsJpeg(image);

        var plain = await remixer.RegisterAsync(new { title = "Remix" }, lookalike);
        var noLicence = await remixer.RegisterAsync(new { title = "Remix", parents = new[] { new { designId = parentId, licenseId = "12345" } } }, lookalike);
        var noDerivativeRight = await remixer.RegisterAsync(new { title = "Remix", parents = new[] { new { designId = parentId, licenseId = personal } } }, lookalike);

        Assert.Equal("similar_design_registered", (await plain.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, noLicence.StatusCode);
        Assert.Equal("derivative_not_licensed", (await noLicence.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, noDerivativeRight.StatusCode);

        var remix = await AcceptAsync(remixer, remixOffer);
        var derivative = await remixer.RegisterAsync(new { title = "Remix", parents = new[] { new { designId = parentId, licenseId = remix } } }, lookalike);

        Assert.Equal(HttpStatusCode.Accepted, derivative.StatusCode);
        var childId = (await derivative.ReadJsonAsync())["id"]!.GetValue<string>();
        var child = await remixer.WaitUntilAnchoredAsync(childId);
        child = await remixer.WaitUntilAsync($"/api/v1/designs/{childId}", d => d["lineage"]!["anchoredAt"] is not null || d["lineage"]!["refusal"] is not null);
        Assert.True(child["lineage"]!["refusal"] is null, child.ToJsonString());

        var links = await new Web3(Fixture.Chain.RpcUrl).Eth.GetEvent<DerivativeRegisteredEventDTO>(Fixture.Chain.Licenses.Address).GetAllChangesAsync(
            new Web3(Fixture.Chain.RpcUrl).Eth.GetEvent<DerivativeRegisteredEventDTO>(Fixture.Chain.Licenses.Address).CreateFilterInput(
                System.Numerics.BigInteger.Parse(child["chain"]!["tokenId"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(links, l => l.Event.LicenseId.ToString(System.Globalization.CultureInfo.InvariantCulture) == remix);
    }

    private static Task<string> Offer(HttpClient owner, string designId, string preset) => owner.OfferAsync(designId, new { preset });

    private static async Task<string> AcceptAsync(HttpClient licensee, string offerId) =>
        (await licensee.AcceptUntilActiveAsync(offerId))["id"]!.GetValue<string>();
}

[Collection(SqliteCollection.Name)]
public sealed class DerivativeTestsOnSqlite(SqliteApiFixture fixture) : DerivativeTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DerivativeTestsOnPostgres(PostgresApiFixture fixture) : DerivativeTests(fixture);
