using System.Net;
using System.Security.Cryptography;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Designs;

public abstract class RegisterDesignTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    private ChainProbe ChainProbe => new(Fixture.Chain.RpcUrl, Fixture.Chain.Registry.Address);

    [SkippableFact]
    public async Task Register_WithNewImage_Returns202PendingThenAnchorsARealToken()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();

        var response = await client.RegisterAsync(new { title = "Silk bomber", description = "Quilted", category = "outerwear", tags = new[] { "Silk", "silk", " bomber " } }, image);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadJsonAsync();
        var id = accepted["id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/designs/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("pending", accepted["status"]!.GetValue<string>());
        Assert.Equal("outerwear", accepted["category"]!.GetValue<string>());
        Assert.Equal(["silk", "bomber"], accepted["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("0x" + Convert.ToHexStringLower(SHA256.HashData(image)), accepted["images"]![0]!["sha256"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", accepted["images"]![0]!["pdq"]!.GetValue<string>());

        var design = await client.WaitUntilAnchoredAsync(id);
        var chain = design["chain"]!;
        Assert.Equal(LocalChainFixture.ChainId, chain["chainId"]!.GetValue<long>());
        Assert.Equal(Fixture.Chain.Registry.Address, chain["contract"]!.GetValue<string>());
        Assert.NotNull(design["anchoredAt"]);

        // The proof holds on the chain itself: a successful transaction, the token owned by the design's owner,
        // and the registration event at the block and log index the API names, carrying the fingerprint.
        var tokenId = chain["tokenId"]!.GetValue<string>();
        var owner = design["owner"]!["address"]!.GetValue<string>();
        var receipt = await ChainProbe.ReceiptAsync(chain["txHash"]!.GetValue<string>());
        Assert.Equal(1, (int)receipt.Status.Value);
        Assert.Equal(chain["blockNumber"]!.GetValue<long>(), (long)receipt.BlockNumber.Value);
        Assert.Equal(owner, await ChainProbe.OwnerOfAsync(tokenId), StringComparer.OrdinalIgnoreCase);

        var registered = Assert.Single(await ChainProbe.RegistrationsOfAsync(tokenId));
        Assert.Equal(chain["logIndex"]!.GetValue<int>(), (int)registered.Log.LogIndex.Value);
        Assert.Equal(design["images"]![0]!["pdq"]!.GetValue<string>(), Convert.ToHexStringLower(Assert.Single(registered.Event.Fingerprints)));
        Assert.Equal(design["metadataHash"]!.GetValue<string>(), "0x" + Convert.ToHexStringLower(registered.Event.MetadataHash));
        Assert.EndsWith($"/api/v1/designs/{id}/metadata.json", registered.Event.MetadataUri, StringComparison.Ordinal);
        var tokenBytes = System.Numerics.BigInteger.Parse(tokenId, System.Globalization.CultureInfo.InvariantCulture).ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.Equal(design["contentHash"]!.GetValue<string>(), "0x" + Convert.ToHexStringLower(tokenBytes).PadLeft(64, '0'));
    }

    [SkippableFact]
    public async Task Register_SameBytesAgainBySameOwner_Returns200WithTheSameDesignAndNoSecondToken()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniqueJpeg();
        var first = await (await client.RegisterAsync(new { title = "Denim jacket" }, image)).ReadJsonAsync();
        var anchored = await client.WaitUntilAnchoredAsync(first["id"]!.GetValue<string>());

        var again = await client.RegisterAsync(new { title = "Denim jacket, again" }, image);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.ReadJsonAsync();
        Assert.Equal(first["id"]!.GetValue<string>(), body["id"]!.GetValue<string>());
        Assert.Equal("Denim jacket", body["title"]!.GetValue<string>());
        await Task.Delay(500); // give a (wrongly) queued second anchoring the chance to happen
        Assert.Equal(1, await ChainProbe.BalanceOfAsync(anchored["owner"]!["address"]!.GetValue<string>()));
        Assert.Single(await ChainProbe.RegistrationsOfAsync(anchored["chain"]!["tokenId"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Register_SameBytesByAnotherOwner_Returns409DesignAlreadyRegistered()
    {
        var alice = await Fixture.Factory.SignedInClientAsync();
        var bob = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var original = await (await alice.RegisterAsync(new { title = "Original" }, image)).ReadJsonAsync();

        var copy = await bob.RegisterAsync(new { title = "Copy" }, image);

        Assert.Equal(HttpStatusCode.Conflict, copy.StatusCode);
        Assert.Equal("application/problem+json", copy.Content.Headers.ContentType?.MediaType);
        var problem = await copy.ReadJsonAsync();
        Assert.Equal("design_already_registered", problem["code"]!.GetValue<string>());
        Assert.Equal(original["id"]!.GetValue<string>(), problem["existingDesignId"]!.GetValue<string>());
        Assert.Equal(0, (await (await bob.GetAsync("/api/v1/designs?owner=me")).ReadJsonAsync())["total"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Register_WhenOneImageIsPartOfAnotherOwnersDesign_Returns409()
    {
        var alice = await Fixture.Factory.SignedInClientAsync();
        var bob = await Fixture.Factory.SignedInClientAsync();
        var shared = TestImages.UniquePng();
        var original = await (await alice.RegisterAsync(new { title = "Print" }, shared)).ReadJsonAsync();

        var response = await bob.RegisterAsync(new { title = "Print plus mine" }, TestImages.UniquePng(), shared);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("design_already_registered", problem["code"]!.GetValue<string>());
        Assert.Equal(original["id"]!.GetValue<string>(), problem["existingDesignId"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Register_MultiImageDesignInAnotherOrder_IsTheSameContent()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var front = TestImages.UniquePng();
        var back = TestImages.UniqueJpeg();

        var first = await client.RegisterAsync(new { title = "Two sides", category = "dress" }, front, back);
        var reordered = await client.RegisterAsync(new { title = "Two sides" }, back, front);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reordered.StatusCode);
        var design = await first.ReadJsonAsync();
        Assert.Equal(design["id"]!.GetValue<string>(), (await reordered.ReadJsonAsync())["id"]!.GetValue<string>());

        // contentHash = SHA-256 over the images' SHA-256 digests, sorted and concatenated (the contract's rule).
        var digests = new[] { SHA256.HashData(front), SHA256.HashData(back) }.OrderBy(Convert.ToHexString).SelectMany(d => d).ToArray();
        Assert.Equal("0x" + Convert.ToHexStringLower(SHA256.HashData(digests)), design["contentHash"]!.GetValue<string>());
        Assert.Equal(2, design["images"]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task MetadataAndImages_AreServedByteForByteAndMatchTheAnchoredHash()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var design = await (await client.RegisterAsync(new { title = "Scarf", category = "accessory" }, image)).ReadJsonAsync();
        var id = design["id"]!.GetValue<string>();
        var anonymous = Fixture.Factory.CreateClient();

        var metadata = await anonymous.GetByteArrayAsync($"/api/v1/designs/{id}/metadata.json");
        var stored = await anonymous.GetByteArrayAsync($"/api/v1/designs/{id}/images/0");

        Assert.Equal(design["metadataHash"]!.GetValue<string>(), "0x" + Convert.ToHexStringLower(SHA256.HashData(metadata)));
        Assert.Equal(image, stored);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/designs/{id}/images/5")).StatusCode);
    }

    [SkippableFact]
    public async Task ListDesigns_OwnerMe_ReturnsOnlyMyDesignsNewestFirstInPages()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var other = await Fixture.Factory.SignedInClientAsync();
        await other.RegisterAsync(new { title = "Not mine" }, TestImages.UniquePng());
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await (await client.RegisterAsync(new { title = $"Mine {i}" }, TestImages.UniquePng())).ReadJsonAsync())["id"]!.GetValue<string>());
        }

        var page1 = await (await client.GetAsync("/api/v1/designs?owner=me&page=1&pageSize=2")).ReadJsonAsync();
        var page2 = await (await client.GetAsync("/api/v1/designs?owner=me&page=2&pageSize=2")).ReadJsonAsync();

        Assert.Equal(3, page1["total"]!.GetValue<int>());
        Assert.Equal(1, page1["page"]!.GetValue<int>());
        Assert.Equal(2, page1["pageSize"]!.GetValue<int>());
        var listed = page1["items"]!.AsArray().Concat(page2["items"]!.AsArray()).Select(d => d!["id"]!.GetValue<string>());
        Assert.Equal(Enumerable.Reverse(ids), listed);
    }

    [SkippableTheory]
    [InlineData("page=0")]
    [InlineData("pageSize=201")]
    public async Task ListDesigns_WithBadPaging_Returns400ValidationFailed(string query)
    {
        var client = await Fixture.Factory.SignedInClientAsync();

        var response = await client.GetAsync($"/api/v1/designs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task GetDesign_Unknown_Returns404ProblemWithCode()
    {
        var client = await Fixture.Factory.SignedInClientAsync();

        var response = await client.GetAsync("/api/v1/designs/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("design_not_found", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RegisterDesignTestsOnSqlite(SqliteApiFixture fixture) : RegisterDesignTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class RegisterDesignTestsOnPostgres(PostgresApiFixture fixture) : RegisterDesignTests(fixture);
