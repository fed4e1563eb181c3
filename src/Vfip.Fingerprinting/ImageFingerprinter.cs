using System.Security.Cryptography;
using Vfip.Fingerprinting.Pdq;
using Vfip.Fingerprinting.Signals;

namespace Vfip.Fingerprinting;

/// <summary>
/// Turns an uploaded image into its fingerprint: SHA-256 of the bytes plus perceptual signals
/// from a single safe decode (<see cref="SafeImageDecoder"/>). Thread-safe and reusable; register
/// it as a singleton.
/// </summary>
public sealed class ImageFingerprinter(SafeImageDecoder decoder)
{
    /// <summary>Creates a fingerprinter with its own decoder under <paramref name="limits"/> (default limits when null).</summary>
    public ImageFingerprinter(ImageLimits? limits = null)
        : this(new SafeImageDecoder(limits))
    {
    }

    /// <summary>The decoder (and so the limits) in use.</summary>
    public SafeImageDecoder Decoder { get; } = decoder;

    /// <summary>Validates, decodes once and fingerprints an upload.</summary>
    /// <exception cref="ImageRejectedException">The upload is refused; see <see cref="ImageRejectedException.Code"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ImageFingerprint Fingerprint(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default) =>
        Analyze(image, withDihedral: false, cancellationToken).Fingerprint;

    /// <summary>
    /// Like <see cref="Fingerprint"/>, plus the PDQ hashes of the image's eight rotations/flips
    /// (derived from the same DCT, so almost free). Identification queries use these so that a
    /// rotated or mirrored copy still matches.
    /// </summary>
    /// <exception cref="ImageRejectedException">The upload is refused; see <see cref="ImageRejectedException.Code"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DihedralFingerprint FingerprintWithDihedral(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default) =>
        Analyze(image, withDihedral: true, cancellationToken);

    /// <summary>
    /// Fingerprints an upload for identification: the ordinary fingerprint plus
    /// <see cref="QuerySignals"/> (every hash under all eight rotations/flips) for
    /// <see cref="GarmentMatcher.Match"/>. Same single decode, same cost within a few percent.
    /// </summary>
    /// <exception cref="ImageRejectedException">The upload is refused; see <see cref="ImageRejectedException.Code"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public QueryFingerprint FingerprintForQuery(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default)
    {
        var (fingerprint, _, query) = Analyze(image, withDihedral: true, forQuery: true, cancellationToken);
        return new QueryFingerprint(fingerprint, query!);
    }

    private DihedralFingerprint Analyze(ReadOnlyMemory<byte> image, bool withDihedral, CancellationToken cancellationToken)
    {
        var (fingerprint, dihedral, _) = Analyze(image, withDihedral, forQuery: false, cancellationToken);
        return new DihedralFingerprint(fingerprint, dihedral);
    }

    private (ImageFingerprint Fingerprint, PdqDihedralHashes Dihedral, QuerySignals? Query) Analyze(
        ReadOnlyMemory<byte> image, bool withDihedral, bool forQuery, CancellationToken cancellationToken)
    {
        // Every signal below derives from this one decode; add new signals here, not new decodes.
        using var decoded = Decoder.Decode(image, cancellationToken);
        var sha256 = SHA256.HashData(image.Span);
        var pdq = PdqHasher.Compute(decoded.Pixels, withDihedral, cancellationToken);
        var (signals, query) = GarmentSignalExtractor.Compute(decoded.Pixels, pdq, forQuery, cancellationToken);
        var fingerprint = new ImageFingerprint(sha256, pdq.Hash, pdq.Quality, decoded.Width, decoded.Height, decoded.MediaType)
        {
            Signals = signals,
        };
        return (fingerprint, pdq.Dihedral ?? new PdqDihedralHashes([pdq.Hash]), query);
    }
}
