using System.Security.Cryptography;

namespace Vfip.Domain.Designs;

/// <summary>
/// A design's identity on chain: SHA-256 over its images' SHA-256 digests, sorted bytewise and
/// concatenated. Sorting makes the hash independent of upload order, so the same set of images is the
/// same design however it is sent.
/// </summary>
public static class ContentHash
{
    public const int Length = 32;

    public static byte[] Compute(IEnumerable<byte[]> imageDigests)
    {
        var digests = imageDigests.ToList();
        if (digests.Count == 0)
        {
            throw new ArgumentException("A design needs at least one image.", nameof(imageDigests));
        }

        if (digests.Any(d => d.Length != Length))
        {
            throw new ArgumentException("Image digests must be SHA-256 (32 bytes).", nameof(imageDigests));
        }

        digests.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        var buffer = new byte[digests.Count * Length];
        for (var i = 0; i < digests.Count; i++)
        {
            digests[i].CopyTo(buffer, i * Length);
        }

        return SHA256.HashData(buffer);
    }
}
