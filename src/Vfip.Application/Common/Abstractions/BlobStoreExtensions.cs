namespace Vfip.Application.Common.Abstractions;

public static class BlobStoreExtensions
{
    /// <summary>A stored blob's bytes, or null when there is none (for re-fingerprinting stored images).</summary>
    public static async Task<byte[]?> ReadAllBytesAsync(this IBlobStore blobs, string sha256, CancellationToken cancellationToken)
    {
        await using var blob = await blobs.OpenAsync(sha256, cancellationToken);
        if (blob is null)
        {
            return null;
        }

        using var bytes = new MemoryStream();
        await blob.CopyToAsync(bytes, cancellationToken);
        return bytes.ToArray();
    }
}
