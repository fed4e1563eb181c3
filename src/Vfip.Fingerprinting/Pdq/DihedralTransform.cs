namespace Vfip.Fingerprinting;

/// <summary>
/// The eight rotations/reflections of a square, in PDQ's order. PDQ derives the hash of each
/// from the original's DCT by sign flips and transposition, so all eight cost one decode.
/// </summary>
public enum DihedralTransform
{
    /// <summary>As uploaded.</summary>
    Original = 0,

    /// <summary>Rotated 90°.</summary>
    Rotate90 = 1,

    /// <summary>Rotated 180°.</summary>
    Rotate180 = 2,

    /// <summary>Rotated 270°.</summary>
    Rotate270 = 3,

    /// <summary>Mirrored (PDQ's "flipx").</summary>
    FlipX = 4,

    /// <summary>Mirrored the other way (PDQ's "flipy").</summary>
    FlipY = 5,

    /// <summary>Reflected about the main diagonal (PDQ's "flipplus1").</summary>
    Transpose = 6,

    /// <summary>Reflected about the anti-diagonal (PDQ's "flipminus1").</summary>
    Transverse = 7,
}

/// <summary>PDQ hashes of all eight <see cref="DihedralTransform"/>s of one image, from one decode.</summary>
/// <param name="Hashes">Eight hashes indexed by <see cref="DihedralTransform"/>.</param>
public sealed record PdqDihedralHashes(IReadOnlyList<PdqHash> Hashes)
{
    /// <summary>The hash the image would have after <paramref name="transform"/>.</summary>
    public PdqHash this[DihedralTransform transform] => Hashes[(int)transform];
}
