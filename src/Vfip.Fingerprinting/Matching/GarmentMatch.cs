namespace Vfip.Fingerprinting;

/// <summary>One registered image that an upload matches.</summary>
/// <param name="ImageKey">The key the image was added under (the caller maps keys to designs).</param>
/// <param name="Distance">Hamming distance (0..256) of the deciding evidence; 0 is identical.</param>
/// <param name="Score">Confidence 0..1; 1 means identical hashes.</param>
/// <param name="Transform">
/// The rotation/flip that, applied to the query, lines it up with the registered image, in PDQ's
/// convention (PDQ's rotate90 turns counter-clockwise: a copy turned 90° clockwise reports
/// <see cref="DihedralTransform.Rotate90"/>).
/// </param>
public sealed record GarmentMatch(long ImageKey, int Distance, double Score, DihedralTransform Transform);
