namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// Decodes an untrusted upload within the configured limits and fingerprints it. Throws
/// <see cref="Errors.ImageRejectedException"/> for anything that is not a usable image.
/// </summary>
public interface IFingerprinter
{
    ImageFacts Fingerprint(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);
}

/// <param name="Sha256">SHA-256 of the exact file bytes.</param>
/// <param name="Pdq">PDQ hash as 64 plain hex digits.</param>
/// <param name="Quality">PDQ quality, 0..100.</param>
public sealed record ImageFacts(byte[] Sha256, string Pdq, int Quality, int Width, int Height, string MediaType);
