namespace Vfip.Fingerprinting;

/// <summary>
/// The signals computed for one image upload.
/// </summary>
/// <param name="Sha256">SHA-256 of the exact uploaded bytes (32 bytes): exact-copy identity.</param>
/// <param name="Pdq">PDQ perceptual hash of the decoded, oriented, white-flattened first frame.</param>
/// <param name="Quality">PDQ quality 0..100; below 50 the hash carries too little structure to match on.</param>
/// <param name="Width">Width as displayed (after EXIF orientation).</param>
/// <param name="Height">Height as displayed (after EXIF orientation).</param>
/// <param name="MediaType">Content-sniffed media type, e.g. <c>image/png</c>.</param>
public sealed record ImageFingerprint(byte[] Sha256, PdqHash Pdq, int Quality, int Width, int Height, string MediaType)
{
    /// <summary>PDQ quality below which a hash should be stored but flagged rather than matched on.</summary>
    public const int MinimumMatchableQuality = 50;

    /// <summary>
    /// Identification signals from the same decode (whole-image PDQ plus content-box hashes);
    /// persist <see cref="GarmentSignals.Serialize"/> and add them to a <see cref="GarmentMatcher"/>.
    /// A fingerprint built by hand carries only the whole-image PDQ.
    /// </summary>
    public GarmentSignals Signals { get; init; } = GarmentSignals.FromPdq(Pdq, Quality);
}

/// <summary>A fingerprint plus the PDQ hashes of all eight rotations/flips, for identification queries.</summary>
/// <param name="Fingerprint">The ordinary fingerprint.</param>
/// <param name="Dihedral">The eight dihedral PDQ hashes; <c>Dihedral[Original]</c> equals <c>Fingerprint.Pdq</c>.</param>
public sealed record DihedralFingerprint(ImageFingerprint Fingerprint, PdqDihedralHashes Dihedral);
