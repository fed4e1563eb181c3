using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Identification;

public abstract class IdentifyTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task Identify_SameImage_ReturnsItsDesignWithDistanceScoreTransformAndMatchedImage()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var design = await RegisterAsync(owner, image, "Houndstooth coat");

        var answer = await IdentifyImageAsync(owner, image);

        Assert.False(answer["lowQuality"]!.GetValue<bool>());
        Assert.InRange(answer["quality"]!.GetValue<int>(), 50, 100);
        var best = answer["matches"]![0]!;
        Assert.Equal(design["id"]!.GetValue<string>(), best["designId"]!.GetValue<string>());
        Assert.Equal("Houndstooth coat", best["title"]!.GetValue<string>());
        Assert.Equal(design["owner"]!["address"]!.GetValue<string>(), best["owner"]!["address"]!.GetValue<string>());
        Assert.Equal(design["owner"]!["userId"]!.GetValue<string>(), best["owner"]!["userId"]!.GetValue<string>());
        Assert.Contains(best["status"]!.GetValue<string>(), new[] { "pending", "anchored" });
        Assert.Equal(0, best["distance"]!.GetValue<int>());
        Assert.Equal(1.0, best["score"]!.GetValue<double>());
        Assert.Equal("none", best["transform"]!.GetValue<string>());
        Assert.Equal("0x" + Convert.ToHexStringLower(SHA256.HashData(image)), best["matchedImage"]!["sha256"]!.GetValue<string>());
        Assert.Equal(0, best["matchedImage"]!["index"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Identify_RotatedCopy_FindsTheDesignAndSaysHowToTurnTheQuery()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var design = await RegisterAsync(owner, image, "Rotated scarf");

        var answer = await IdentifyImageAsync(owner, TestImages.RotatedClockwise(image));

        var best = answer["matches"]![0]!;
        Assert.Equal(design["id"]!.GetValue<string>(), best["designId"]!.GetValue<string>());
        // The copy is the original turned a quarter clockwise, so the query must be turned a quarter back,
        // counter-clockwise: PDQ's "rotate90" (its rotations are counter-clockwise, as its reference data shows).
        Assert.Equal("rotate90", best["transform"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Identify_UnrelatedImage_ReturnsNoMatches()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        await RegisterAsync(owner, TestImages.UniquePng(), "Registered");

        var answer = await IdentifyImageAsync(owner, TestImages.UniquePng());

        Assert.Empty(answer["matches"]!.AsArray());
    }

    [SkippableFact]
    public async Task Identify_FlatImage_Answers200LowQualityWithoutMatches()
    {
        var answer = await IdentifyImageAsync(Fixture.Factory.CreateClient(), TestImages.Flat());

        Assert.True(answer["lowQuality"]!.GetValue<bool>());
        Assert.InRange(answer["quality"]!.GetValue<int>(), 0, 49);
        Assert.Empty(answer["matches"]!.AsArray());
    }

    [SkippableFact]
    public async Task Identify_ByPrecomputedPdqHashes_FindsTheDesignWithoutThePicture()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var design = await RegisterAsync(owner, TestImages.UniquePng(), "Hash only");
        var pdq = design["images"]![0]!["pdq"]!.GetValue<string>();

        var response = await owner.PostAsJsonAsync("/api/v1/identify", new { pdq = new[] { pdq.ToUpperInvariant() } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadJsonAsync();
        Assert.Null(answer["quality"]);
        Assert.Equal(design["id"]!.GetValue<string>(), answer["matches"]![0]!["designId"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Identify_Anonymous_GetsPublicFieldsOnly()
    {
        var owner = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var design = await RegisterAsync(owner, image, "Public view");

        var answer = await IdentifyImageAsync(Fixture.Factory.CreateClient(), image);

        var best = answer["matches"]![0]!;
        Assert.Equal(design["id"]!.GetValue<string>(), best["designId"]!.GetValue<string>());
        Assert.Equal("Public view", best["title"]!.GetValue<string>());
        Assert.Equal(design["owner"]!["address"]!.GetValue<string>(), best["owner"]!["address"]!.GetValue<string>());
        Assert.Equal(0, best["distance"]!.GetValue<int>());
        Assert.NotNull(best["status"]);
        Assert.Null(best["owner"]!["userId"]);
        Assert.Null(best["score"]);
        Assert.Null(best["transform"]);
        Assert.Null(best["matchedImage"]);
    }

    public static TheoryData<string, string, string> BadHashBodies() => new()
    {
        { "not hex", "{\"pdq\": [\"zz\"]}", "validation_failed" },
        { "63 digits", "{\"pdq\": [\"" + new string('a', 63) + "\"]}", "validation_failed" },
        { "no hashes", "{\"pdq\": []}", "validation_failed" },
        { "null", "null", "validation_failed" },
        { "empty body", "", "invalid_json" },
        { "malformed", "{\"pdq\": [", "invalid_json" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadHashBodies))]
    public async Task Identify_WithBadHashes_Returns400Problem(string because, string body, string code)
    {
        var response = await Fixture.Factory.CreateClient().PostAsync(
            "/api/v1/identify", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: {(int)response.StatusCode}");
        Assert.Equal(code, (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Identify_MultipartWithoutImage_Returns400ImageRequired()
    {
        var content = new MultipartFormDataContent { { new StringContent("x"), "note" } };

        var response = await Fixture.Factory.CreateClient().PostAsync("/api/v1/identify", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("image_required", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableTheory]
    [MemberData(nameof(NotMultipartBodies.Kinds), MemberType = typeof(NotMultipartBodies))]
    public async Task Identify_BodyNeitherMultipartFormDataNorJson_Returns415(string kind)
    {
        await NotMultipartBodies.PostExpecting415Async(Fixture.Factory.CreateClient(), "/api/v1/identify", kind, "image");
    }

    [SkippableFact]
    public async Task Identify_NotAnImage_Returns400UnsupportedImageFormat()
    {
        var response = await PostImageAsync(Fixture.Factory.CreateClient(), Encoding.UTF8.GetBytes("definitely not an image"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_image_format", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Register_LookalikeOfAnotherOwnersDesign_Returns409SimilarDesignRegisteredAndStoresNothing()
    {
        var alice = await Fixture.Factory.SignedInClientAsync();
        var bob = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var original = await RegisterAsync(alice, image, "Alice's print");

        var response = await bob.RegisterAsync(new { title = "Bob's print" }, TestImages.AsJpeg(image));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("similar_design_registered", problem["code"]!.GetValue<string>());
        var match = problem["matches"]![0]!;
        Assert.Equal(original["id"]!.GetValue<string>(), match["designId"]!.GetValue<string>());
        Assert.InRange(match["distance"]!.GetValue<int>(), 0, 31);
        Assert.Equal(0, (await (await bob.GetAsync("/api/v1/designs?owner=me")).ReadJsonAsync())["total"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Register_LookalikeOfOwnDesign_Returns202ListingSimilarOwnDesigns()
    {
        var alice = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var first = await RegisterAsync(alice, image, "Colourway A");

        var response = await alice.RegisterAsync(new { title = "Colourway A, JPEG" }, TestImages.AsJpeg(image));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var similar = (await response.ReadJsonAsync())["similarOwnDesigns"]!.AsArray();
        Assert.Equal(first["id"]!.GetValue<string>(), similar[0]!["designId"]!.GetValue<string>());
    }

    private static async Task<JsonNode> RegisterAsync(HttpClient client, byte[] image, string title)
    {
        var response = await client.RegisterAsync(new { title }, image);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static async Task<JsonNode> IdentifyImageAsync(HttpClient client, byte[] image)
    {
        var response = await PostImageAsync(client, image);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static Task<HttpResponseMessage> PostImageAsync(HttpClient client, byte[] image) => client.IdentifyAsync(image);
}

[Collection(SqliteCollection.Name)]
public sealed class IdentifyTestsOnSqlite(SqliteApiFixture fixture) : IdentifyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class IdentifyTestsOnPostgres(PostgresApiFixture fixture) : IdentifyTests(fixture);
