namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// Decodes an untrusted upload within the configured limits and fingerprints it. Throws a
/// <see cref="Domain.Common.DomainException"/> with one of <see cref="Domain.Common.ErrorCodes.Images"/> for anything
/// that is not a usable image.
/// </summary>
public interface IFingerprinter
{
    ImageFacts Fingerprint(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);
}

/// <param name="Sha256">SHA-256 of the exact file bytes.</param>
/// <param name="Pdq">PDQ hash as 64 plain hex digits.</param>
/// <param name="Quality">PDQ quality, 0..100.</param>
/// <param name="LowQuality">Too little structure to match on (PDQ quality below 50): never matched, never refused for prior art.</param>
/// <param name="Signals">Every perceptual signal, serialised: stored with the image so the index can be rebuilt.</param>
/// <param name="Probe">The same signals ready for an index query (dihedral variants included).</param>
public sealed record ImageFacts(
    byte[] Sha256,
    string Pdq,
    int Quality,
    int Width,
    int Height,
    string MediaType,
    bool LowQuality,
    byte[] Signals,
    ImageProbe Probe);
