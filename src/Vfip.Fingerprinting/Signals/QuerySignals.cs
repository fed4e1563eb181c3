namespace Vfip.Fingerprinting;

/// <summary>
/// What an identification query carries: the upload's <see cref="GarmentSignals"/> plus each
/// hash under all eight <see cref="DihedralTransform"/>s (derived from the same DCTs, so the
/// variants cost sign flips, not decodes). Only queries carry variants; registered images store
/// one orientation.
/// </summary>
public sealed class QuerySignals
{
    internal QuerySignals(
        GarmentSignals signals,
        PdqDihedralHashes pdq,
        PdqDihedralHashes content,
        PdqDihedralHashes inner,
        PdqDihedralHashes shape,
        PdqDihedralHashes alignedContent,
        PdqDihedralHashes alignedShape,
        PdqDihedralHashes canvas,
        PdqDihedralHashes? panelContent,
        PdqDihedralHashes? panelShape,
        PdqDihedralHashes? coreContent = null,
        IReadOnlyList<PdqDihedralHashes>? turnedContent = null)
    {
        TurnedContent = turnedContent ?? [];
        CoreContent = coreContent;
        PanelContent = panelContent;
        PanelShape = panelShape;
        Canvas = canvas;
        AlignedContent = alignedContent;
        AlignedShape = alignedShape;
        Signals = signals;
        Pdq = pdq;
        Content = content;
        Inner = inner;
        Shape = shape;
    }

    /// <summary>The upload's own signals (orientation as uploaded).</summary>
    public GarmentSignals Signals { get; }

    /// <summary>Whole-image PDQ under the eight transforms.</summary>
    public PdqDihedralHashes Pdq { get; }

    /// <summary>Content-box hash under the eight transforms.</summary>
    public PdqDihedralHashes Content { get; }

    /// <summary>Inner-crop hash under the eight transforms.</summary>
    public PdqDihedralHashes Inner { get; }

    /// <summary>Shape hash under the eight transforms.</summary>
    public PdqDihedralHashes Shape { get; }

    /// <summary>Deskewed content hash under the eight transforms.</summary>
    public PdqDihedralHashes AlignedContent { get; }

    /// <summary>Deskewed shape hash under the eight transforms.</summary>
    public PdqDihedralHashes AlignedShape { get; }

    /// <summary>
    /// Luminance hash of the whole canvas under the eight transforms (query side only): compared
    /// with <see cref="GarmentSignals.CanvasInner"/>, it finds centre crops.
    /// </summary>
    public PdqDihedralHashes Canvas { get; }

    /// <summary>
    /// Query side only, when the content box sits on an opaque panel (an image rotated onto a
    /// white canvas): the deskewed content hash with the panel keyed out too, compared with
    /// <see cref="GarmentSignals.AlignedContent"/>. Null when there is no panel.
    /// </summary>
    public PdqDihedralHashes? PanelContent { get; }

    /// <summary>The shape hash of the same panel-keyed framing, compared with <see cref="GarmentSignals.AlignedShape"/>.</summary>
    public PdqDihedralHashes? PanelShape { get; }

    /// <summary>
    /// Query side only, when the content box has sparse edge columns or rows (a watermark or
    /// caption that spills past the garment): the content hash of the box without them, compared
    /// with <see cref="GarmentSignals.Content"/>. Null when nothing was trimmed.
    /// </summary>
    public PdqDihedralHashes? CoreContent { get; }

    /// <summary>
    /// Query side only: the keyed content turned by a few fixed small angles (±3°, ±6°) and
    /// re-boxed, compared with <see cref="GarmentSignals.Content"/>. Covers small rotations of
    /// shapes whose principal axis is undefined (round or square) or measured imprecisely.
    /// </summary>
    public IReadOnlyList<PdqDihedralHashes> TurnedContent { get; }
}

/// <summary>An identification fingerprint: the ordinary fingerprint plus the query-side signals.</summary>
/// <param name="Fingerprint">SHA-256, whole-image PDQ, size, media type and <see cref="ImageFingerprint.Signals"/>.</param>
/// <param name="Query">The signals with their dihedral variants, for <see cref="GarmentMatcher.Match"/>.</param>
public sealed record QueryFingerprint(ImageFingerprint Fingerprint, QuerySignals Query);
