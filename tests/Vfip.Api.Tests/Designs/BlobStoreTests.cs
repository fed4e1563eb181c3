using System.Net;
using System.Security.Cryptography;
using Vfip.Api.Tests.Support;

namespace Vfip.Api.Tests.Designs;

/// <summary>
/// The blob folder under real faults: a stored image whose bytes rot on disk is never served, and the temporary
/// files of a crashed writer are swept at start. The blob store is the same on both providers: SQLite only.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class BlobStoreTests(SqliteApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task ImageWithAFlippedByteOnDisk_IsNeverServed_Answers500UntilAGoodCopyIsPutBack()
    {
        var client = await Fixture.Factory.SignedInClientAsync();
        var image = TestImages.UniquePng();
        var id = (await (await client.RegisterAsync(new { title = "Rotting" }, image)).ReadJsonAsync())["id"]!.GetValue<string>();
        var path = BlobPath(Fixture.Factory.DataDir, image);
        var rotten = await File.ReadAllBytesAsync(path);
        rotten[rotten.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(path, rotten);

        var response = await client.GetAsync($"/api/v1/designs/{id}/images/0");

        // 500, not 404: the design and its image exist; the server lost their bytes, and says so.
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("internal_error", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.False(File.Exists(path), "the corrupt blob was not moved aside");

        await File.WriteAllBytesAsync(path, image); // restored from a replica or a backup: any copy with that SHA-256
        Assert.Equal(image, await client.GetByteArrayAsync($"/api/v1/designs/{id}/images/0"));
    }

    [SkippableFact]
    public async Task OrphanTemporaryBlobFiles_AreRemovedAtStart_AndAFreshOneIsKept()
    {
        var store = await Fixture.NewStoreAsync();
        var folder = Path.Combine(store.DataDir, "blobs", "ab", "cd");
        Directory.CreateDirectory(folder);
        var orphan = Path.Combine(folder, $"abcd{new string('0', 60)}.{Guid.NewGuid():N}.tmp");
        var fresh = Path.Combine(folder, $"abcd{new string('1', 60)}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllBytesAsync(orphan, [1, 2, 3]);
        await File.WriteAllBytesAsync(fresh, [1, 2, 3]);
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddHours(-1));

        await using (var factory = Fixture.CreateFactory(store))
        {
            _ = factory.Server;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (File.Exists(orphan) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }

        Assert.False(File.Exists(orphan), "an orphan temporary file survived the start");
        Assert.True(File.Exists(fresh), "a temporary file younger than the orphan age was deleted");
        store.Delete();
    }

    private static string BlobPath(string dataDir, byte[] content)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(content));
        return Path.Combine(dataDir, "blobs", key[..2], key[2..4], key);
    }
}
