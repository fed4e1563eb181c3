using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Designs;

/// <summary>Bad input gets a 4xx ProblemDetails with a stable code, and changes nothing.</summary>
public abstract class RegisterDesignBadInputTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    public static TheoryData<string, object?, byte[][], HttpStatusCode, string> Cases() => new()
    {
        { "text file named .png", new { title = "x" }, [Encoding.UTF8.GetBytes("hello, not an image")], HttpStatusCode.BadRequest, "unsupported_image_format" },
        { "header declares 50000x50000 px", new { title = "x" }, [TestImages.PngHeaderDeclaring(50_000, 50_000)], HttpStatusCode.BadRequest, "image_too_many_pixels" },
        { "truncated JPEG", new { title = "x" }, [TestImages.UniqueJpeg()[..2000]], HttpStatusCode.BadRequest, "image_corrupt" },
        { "empty file", new { title = "x" }, [[]], HttpStatusCode.BadRequest, "image_empty" },
        { "no images", new { title = "x" }, [], HttpStatusCode.BadRequest, "validation_failed" },
        { "nine images", new { title = "x" }, Enumerable.Range(0, 9).Select(_ => TestImages.UniquePng(32, 32)).ToArray(), HttpStatusCode.BadRequest, "too_many_images" },
        { "no metadata", null, [TestImages.UniquePng()], HttpStatusCode.BadRequest, "metadata_required" },
        { "malformed metadata", "{\"title\": ", [TestImages.UniquePng()], HttpStatusCode.BadRequest, "invalid_metadata" },
        { "unknown metadata field", new { title = "x", colour = "red" }, [TestImages.UniquePng()], HttpStatusCode.BadRequest, "invalid_metadata" },
        { "no title", new { category = "top" }, [TestImages.UniquePng()], HttpStatusCode.BadRequest, "validation_failed" },
        { "unknown category", new { title = "x", category = "spacesuit" }, [TestImages.UniquePng()], HttpStatusCode.BadRequest, "validation_failed" },
        { "same image twice", new { title = "x" }, TwiceTheSame(), HttpStatusCode.BadRequest, "duplicate_image" },
        { "nine parents", new { title = "x", parents = Enumerable.Range(0, 9).Select(i => new { designId = $"p{i}", licenseId = "1" }).ToArray() }, [TestImages.UniquePng()], HttpStatusCode.BadRequest, "invalid_parents" },
        { "parent without a licence", new { title = "x", parents = new[] { new { designId = "p1" } } }, [TestImages.UniquePng()], HttpStatusCode.BadRequest, "invalid_parents" },
        { "parent with a blank design id", new { title = "x", parents = new[] { new { designId = " ", licenseId = "1" } } }, [TestImages.UniquePng()], HttpStatusCode.BadRequest, "invalid_parents" },
        { "same parent twice", new { title = "x", parents = new[] { new { designId = "p1", licenseId = "1" }, new { designId = "p1", licenseId = "2" } } }, [TestImages.UniquePng()], HttpStatusCode.BadRequest, "invalid_parents" },
        { "no title and the same parent twice", new { category = "top", parents = new[] { new { designId = "p1", licenseId = "1" }, new { designId = "p1", licenseId = "2" } } }, [TestImages.UniquePng()], HttpStatusCode.BadRequest, "validation_failed" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Register_WithBadInput_Returns4xxProblemAndStoresNothing(
        string because, object? metadata, byte[][] images, HttpStatusCode status, string code)
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var blobsBefore = CountBlobs();

        var response = await client.RegisterAsync(metadata, images);

        Assert.True(status == response.StatusCode, $"{because}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await response.ReadJsonAsync())["code"]!.GetValue<string>());
        await AssertNothingStoredAsync(client, blobsBefore);
    }

    [SkippableFact]
    public async Task Register_ImageOverTheByteLimit_Returns413BeforeReadingIt()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var blobsBefore = CountBlobs();
        var huge = new byte[20_000_001];
        TestImages.UniquePng().CopyTo(huge, 0);

        var response = await client.RegisterAsync(new { title = "x" }, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("image_too_large", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
        await AssertNothingStoredAsync(client, blobsBefore);
    }

    [SkippableFact]
    public async Task GifFrameLargerThanItsScreen_IdentifyAndRegisterReturn400ProblemAndStoreNothing()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var blobsBefore = CountBlobs();
        var gif = TestImages.GifWithFrameLargerThanItsScreen();

        foreach (var response in new[] { await client.IdentifyAsync(gif), await client.RegisterAsync(new { title = "x" }, gif) })
        {
            var uri = response.RequestMessage?.RequestUri;
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{uri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("image_too_many_pixels", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
        }

        await AssertNothingStoredAsync(client, blobsBefore);
    }

    [SkippableFact]
    public async Task Register_NotMultipart_Returns415()
    {
        var client = await Fixture.Factory.SignedInClientAsync();

        var response = await client.PostAsync("/api/v1/designs", new StringContent("{\"title\":\"x\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableTheory]
    [MemberData(nameof(NotMultipartBodies.Kinds), MemberType = typeof(NotMultipartBodies))]
    public async Task Register_BodyNotMultipartFormData_Returns415(string kind)
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var blobsBefore = CountBlobs();

        await NotMultipartBodies.PostExpecting415Async(client, "/api/v1/designs", kind, "images");
        await AssertNothingStoredAsync(client, blobsBefore);
    }

    [SkippableFact]
    public async Task Register_Anonymous_Returns401Problem()
    {
        var anonymous = Fixture.Factory.CreateClient();

        var response = await anonymous.RegisterAsync(new { title = "x" }, TestImages.UniquePng());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Register_WithAForgedToken_Returns401()
    {
        var client = Fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8forged");

        var response = await client.RegisterAsync(new { title = "x" }, TestImages.UniquePng());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static byte[][] TwiceTheSame()
    {
        var image = TestImages.UniquePng();
        return [image, image];
    }

    private int CountBlobs()
    {
        var root = Path.Combine(Fixture.Factory.DataDir, "blobs");
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Count() : 0;
    }

    private async Task AssertNothingStoredAsync(HttpClient client, int blobsBefore)
    {
        var mine = await (await client.GetAsync("/api/v1/designs?owner=me")).ReadJsonAsync();
        Assert.Equal(0, mine["total"]!.GetValue<int>());
        Assert.Equal(blobsBefore, CountBlobs());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RegisterDesignBadInputTestsOnSqlite(SqliteApiFixture fixture) : RegisterDesignBadInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RegisterDesignBadInputTestsOnPostgres(PostgresApiFixture fixture) : RegisterDesignBadInputTests(fixture);
