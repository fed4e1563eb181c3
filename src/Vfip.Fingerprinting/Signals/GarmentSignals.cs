using System.Buffers.Binary;

namespace Vfip.Fingerprinting;

/// <summary>
/// The identification signals of one registered image, all derived from a single decode:
/// the whole-image PDQ (reference-conformant, exchangeable) plus hashes of the garment's
/// normalised content box (background keyed out, borders and padding trimmed) at several
/// framings (full box, inner crop, deskewed, canvas centre crop) and a colour-blind shape hash. Persist <see cref="Serialize"/> per image and rebuild the
/// in-memory <see cref="GarmentMatcher"/> from it at start-up.
/// </summary>
public sealed class GarmentSignals
{
    /// <summary>Format version written as the first byte of <see cref="Serialize"/>.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Length of the serialised form of <see cref="FormatVersion"/> 1.</summary>
    public const int SerializedLength = 8 + (7 * 32);

    internal GarmentSignals(
        PdqHash pdq, int quality, PdqHash content, PdqHash inner, PdqHash shape, PdqHash alignedContent, PdqHash alignedShape,
        PdqHash canvasInner, int contentQuality, float contentAspect)
    {
        CanvasInner = canvasInner;
        AlignedContent = alignedContent;
        AlignedShape = alignedShape;
        Pdq = pdq;
        Quality = quality;
        Content = content;
        Inner = inner;
        Shape = shape;
        ContentQuality = contentQuality;
        ContentAspect = contentAspect;
    }

    /// <summary>Whole-image PDQ hash, exactly as the PDQ reference computes it (see <see cref="ImageFingerprint.Pdq"/>).</summary>
    public PdqHash Pdq { get; }

    /// <summary>Whole-image PDQ quality 0..100.</summary>
    public int Quality { get; }

    /// <summary>PDQ-style hash (luminance DCT) of the content box, background keyed to white, stretched to a square.</summary>
    public PdqHash Content { get; }

    /// <summary>The same hash of the central part of the content box: what a cropped copy's content box looks like.</summary>
    public PdqHash Inner { get; }

    /// <summary>Hash of the content box's colour-edge map: survives recolouring, hue shifts and grayscale.</summary>
    public PdqHash Shape { get; }

    /// <summary>
    /// <see cref="Content"/> after deskewing the garment to its principal axis (equal to
    /// <see cref="Content"/> when upright or round): what lets a copy rotated by a few degrees match.
    /// </summary>
    public PdqHash AlignedContent { get; }

    /// <summary><see cref="Shape"/> after the same deskew.</summary>
    public PdqHash AlignedShape { get; }

    /// <summary>
    /// Luminance hash of the central 80% of the whole canvas (no trimming, no keying): what a
    /// centre crop of the upload (a thumbnail, a 10%-per-side crop) looks like when the crop cuts
    /// into the garment and so moves its content box unpredictably.
    /// </summary>
    public PdqHash CanvasInner { get; }

    /// <summary>PDQ quality metric of the normalised content box, 0..100.</summary>
    public int ContentQuality { get; }

    /// <summary>Width / height of the content box as displayed.</summary>
    public float ContentAspect { get; }

    /// <summary>
    /// True when neither the whole image nor its content box reaches PDQ quality
    /// <see cref="ImageFingerprint.MinimumMatchableQuality"/>: too little structure to match on.
    /// Such images are stored but never matched, in either direction.
    /// </summary>
    public bool IsLowQuality =>
        Quality < ImageFingerprint.MinimumMatchableQuality && ContentQuality < ImageFingerprint.MinimumMatchableQuality;

    /// <summary>
    /// Signals of an image known only by its whole-image PDQ (e.g. a fingerprint from before
    /// content signals existed): the content hashes are zero and carry no evidence.
    /// </summary>
    public static GarmentSignals FromPdq(PdqHash pdq, int quality) => new(pdq, quality, default, default, default, default, default, default, 0, 1f);

    /// <summary>Whether the content-box signals were computed (false for <see cref="FromPdq"/>).</summary>
    public bool HasContentSignals => ContentQuality > 0 || Content != default || Shape != default;

    /// <summary>
    /// Compact binary form (232 bytes in version 1): version, whole-image quality, content quality,
    /// reserved flags, content aspect (float32 LE), then the seven hashes of 32 bytes each in the order
    /// Pdq, Content, Inner, Shape, AlignedContent, AlignedShape, CanvasInner (each as <see cref="PdqHash.ToBytes"/>).
    /// </summary>
    public byte[] Serialize()
    {
        var bytes = new byte[SerializedLength];
        bytes[0] = FormatVersion;
        bytes[1] = (byte)Quality;
        bytes[2] = (byte)ContentQuality;
        bytes[3] = 0; // reserved flags
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4), ContentAspect);
        Pdq.ToBytes().CopyTo(bytes, 8);
        Content.ToBytes().CopyTo(bytes, 40);
        Inner.ToBytes().CopyTo(bytes, 72);
        Shape.ToBytes().CopyTo(bytes, 104);
        AlignedContent.ToBytes().CopyTo(bytes, 136);
        AlignedShape.ToBytes().CopyTo(bytes, 168);
        CanvasInner.ToBytes().CopyTo(bytes, 200);
        return bytes;
    }

    /// <summary>Reads the form written by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">Unknown version or wrong length.</exception>
    public static GarmentSignals Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || data[0] != FormatVersion)
        {
            throw new FormatException($"Unknown garment signals format version {(data.IsEmpty ? "(empty)" : data[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
        }

        if (data.Length != SerializedLength)
        {
            throw new FormatException($"Garment signals version 1 are {SerializedLength} bytes, not {data.Length}.");
        }

        var aspect = BinaryPrimitives.ReadSingleLittleEndian(data[4..]);
        if (!float.IsFinite(aspect) || aspect <= 0)
        {
            throw new FormatException("Garment signals carry an invalid aspect ratio.");
        }

        return new GarmentSignals(
            PdqHash.FromBytes(data.Slice(8, 32)),
            Math.Min((int)data[1], 100),
            PdqHash.FromBytes(data.Slice(40, 32)),
            PdqHash.FromBytes(data.Slice(72, 32)),
            PdqHash.FromBytes(data.Slice(104, 32)),
            PdqHash.FromBytes(data.Slice(136, 32)),
            PdqHash.FromBytes(data.Slice(168, 32)),
            PdqHash.FromBytes(data.Slice(200, 32)),
            Math.Min((int)data[2], 100),
            aspect);
    }
}
