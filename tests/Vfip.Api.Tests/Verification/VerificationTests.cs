using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Verification;

/// <summary>Rights verification through HTTP, against licences granted on the collection's anvil.</summary>
public abstract class VerificationTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Grant_ThenVerify_AllowsWithTheGrantAsProof_AndRefusesOtherUsesWithTheReason()
    {
        var factory = Fixture.Factory;
        var owner = await factory.SignedInClientAsync();
        var licensee = await factory.SignedInClientAsync();
        var anonymous = factory.CreateClient();
        var (designId, _) = await RegisterAsync(owner);
        var license = await GrantAsync(owner, licensee, designId, new { preset = "commercial", terms = new { channels = new[] { "games" }, territories = new[] { "FR" }, platforms = new[] { "roblox" } } });
        var holder = await licensee.UserIdAsync();
        var address = license["licensee"]!["address"]!.GetValue<string>();

        var allowed = await VerifyAsync(anonymous, $"designId={designId}&holder={holder}&use=games&commercial=true&platform=Roblox&territory=fr");
        var byAddress = await VerifyAsync(anonymous, $"designId={designId}&holder={address.ToLowerInvariant()}");

        Assert.True(allowed["allowed"]!.GetValue<bool>(), allowed.ToJsonString());
        Assert.Empty(allowed["reasons"]!.AsArray());
        Assert.Equal(license["grant"]!["txHash"]!.GetValue<string>(), allowed["proof"]!["txHash"]!.GetValue<string>());
        Assert.Equal(Fixture.Chain.Licenses.Address, allowed["proof"]!["contract"]!.GetValue<string>());
        Assert.Null(allowed["license"]!["licensee"]!["userId"]); // anonymous callers get public fields only
        Assert.True(byAddress["allowed"]!.GetValue<bool>());
        Assert.Equal(["platform_not_licensed"], Reasons(await VerifyAsync(anonymous, $"designId={designId}&holder={holder}&platform=fortnite")));
        Assert.Equal(["territory_not_licensed"], Reasons(await VerifyAsync(anonymous, $"designId={designId}&holder={holder}&territory=US")));
        Assert.Equal(["channel_not_licensed"], Reasons(await VerifyAsync(anonymous, $"designId={designId}&holder={holder}&use=film")));
        Assert.Equal(["no_license"], Reasons(await VerifyAsync(anonymous, $"designId={designId}&holder=someone-else")));
    }

    [SkippableFact]
    public async Task Owner_IsAllowed_WithTheRegistrationAsProof()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var (designId, design) = await RegisterAsync(owner);

        var answer = await VerifyAsync(owner, $"designId={designId}&holder={await owner.UserIdAsync()}&use=film&commercial=true");

        Assert.True(answer["allowed"]!.GetValue<bool>());
        Assert.Equal(design["chain"]!["txHash"]!.GetValue<string>(), answer["proof"]!["txHash"]!.GetValue<string>());
        Assert.Null(answer["license"]);
    }

    [SkippableFact]
    public async Task Revoked_IsRefusedFromTheRevocationOn_ButKeepsItsHistory()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var licensee = await Fixture.Factory.SignedInClientAsync();
        var (designId, _) = await RegisterAsync(owner);
        var license = await GrantAsync(owner, licensee, designId, new { preset = "personal" });
        var holder = await licensee.UserIdAsync();
        var beforeRevocation = DateTime.UtcNow.ToString("O");
        await Task.Delay(1100); // the revocation time is stored as it happens; ask about a moment clearly before it

        Assert.Equal(HttpStatusCode.Accepted, (await owner.PostAsJsonAsync($"/api/v1/licenses/{license["id"]}/revoke", new { reason = "breach" })).StatusCode);

        Assert.Equal(["license_revoked"], Reasons(await VerifyAsync(owner, $"designId={designId}&holder={holder}")));
        Assert.True((await VerifyAsync(owner, $"designId={designId}&holder={holder}&at={Uri.EscapeDataString(beforeRevocation)}"))["allowed"]!.GetValue<bool>());
    }

    [SkippableFact]
    public async Task Batch_AnswersEveryCheckInOrder_AndRefusesMoreThan100()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var (designId, _) = await RegisterAsync(owner);
        var ownerId = await owner.UserIdAsync();

        var response = await owner.PostAsJsonAsync("/api/v1/verify/batch", new
        {
            checks = new object[]
            {
                new { designId, holder = ownerId },
                new { designId, holder = "stranger" },
                new { designId = "missing", holder = ownerId },
            },
        });
        var tooMany = await owner.PostAsJsonAsync("/api/v1/verify/batch", new { checks = Enumerable.Repeat(new { designId, holder = ownerId }, 101) });

        var results = (await response.ReadJsonAsync())["results"]!.AsArray();
        Assert.Equal([true, false, false], results.Select(r => r!["allowed"]!.GetValue<bool>()));
        Assert.Equal(["no_license"], Reasons(results[1]!));
        Assert.Equal(["design_not_found"], Reasons(results[2]!));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("too_many_checks", (await tooMany.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Image_IsIdentified_AndEachMatchVerified()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var licensee = await Fixture.Factory.SignedInClientAsync();
        var (designId, _, image) = await RegisterWithImageAsync(owner);
        await GrantAsync(owner, licensee, designId, new { preset = "personal" });
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(image);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "image", "upload.png");
        form.Add(new StringContent(await licensee.UserIdAsync()), "holder");
        form.Add(new StringContent("games"), "use");

        var response = await Fixture.Factory.CreateClient().PostAsync("/api/v1/verify/image", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.ReadJsonAsync())["results"]!.AsArray().Single(r => r!["match"]!["designId"]!.GetValue<string>() == designId)!;
        Assert.True(result["verification"]!["allowed"]!.GetValue<bool>(), result.ToJsonString());
    }

    [SkippableTheory]
    [MemberData(nameof(NotMultipartBodies.Kinds), MemberType = typeof(NotMultipartBodies))]
    public async Task Image_BodyNeitherMultipartFormDataNorJson_Returns415(string kind)
    {
        await NotMultipartBodies.PostExpecting415Async(Fixture.Factory.CreateClient(), "/api/v1/verify/image", kind, "image");
    }

    [SkippableFact]
    public async Task Expiry_RefusesOnceTheEndDatePasses_OnTheServicesClock()
    {
        // An instance of its own with a clock the test moves; a registrar of its own, so two senders never race for nonces.
        var clock = new ShiftedClock();
        var store = await Fixture.NewStoreAsync();
        await using var factory = Fixture.CreateFactory(store, new Dictionary<string, string?> { ["Chain:SignerKey"] = LocalChainFixture.SecondRegistrar.PrivateKey });
        await using var instance = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var owner = await instance.SignedInClientAsync();
        var licensee = await instance.SignedInClientAsync();
        var (designId, _) = await RegisterAsync(owner);
        var endsAt = DateTime.UtcNow.AddDays(1).ToString("O");
        var license = await GrantAsync(owner, licensee, designId, new { preset = "personal", terms = new { endsAt } });
        var query = $"designId={designId}&holder={await licensee.UserIdAsync()}";
        Assert.True((await VerifyAsync(owner, query))["allowed"]!.GetValue<bool>());

        clock.Offset = TimeSpan.FromDays(2);

        Assert.Equal(["license_expired"], Reasons(await VerifyAsync(owner, query)));
        // Two days on, the old bearer tokens have expired too: read the licence as someone signed in now.
        var reader = await instance.SignedInClientAsync();
        Assert.True((await (await reader.GetAsync($"/api/v1/licenses/{license["id"]}")).ReadJsonAsync())["expired"]!.GetValue<bool>());
        store.Delete();
    }

    private static IReadOnlyList<string> Reasons(JsonNode answer) => answer["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();

    private static async Task<JsonNode> VerifyAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/verify?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static async Task<(string Id, JsonNode Design)> RegisterAsync(HttpClient owner)
    {
        var (id, design, _) = await RegisterWithImageAsync(owner);
        return (id, design);
    }

    private static async Task<(string Id, JsonNode Design, byte[] Image)> RegisterWithImageAsync(HttpClient owner)
    {
        var image = TestImages.UniquePng();
        var design = await owner.RegisterAnchoredAsync(image, "Verified look");
        return (design["id"]!.GetValue<string>(), design, image);
    }

    private static async Task<JsonNode> GrantAsync(HttpClient owner, HttpClient licensee, string designId, object offer) =>
        await licensee.AcceptUntilActiveAsync(await owner.OfferAsync(designId, offer));
}

[Collection(SqliteCollection.Name)]
public sealed class VerificationTestsOnSqlite(SqliteApiFixture fixture) : VerificationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class VerificationTestsOnPostgres(PostgresApiFixture fixture) : VerificationTests(fixture);
