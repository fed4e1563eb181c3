namespace Vfip.Fingerprinting;

/// <summary>The deciding evidence for one (query, registered image) pair.</summary>
internal readonly record struct MatchEvidence(int Distance, DihedralTransform Transform);

/// <summary>
/// The decision rule: which combinations of signal distances count as "the same design".
/// Thresholds were tuned on the quality benchmark (tests/bench/Vfip.QualityBench); see
/// docs/decisions/0006-identification-signals.md for the numbers behind each.
/// </summary>
internal static class MatchRule
{
    /// <summary>Whole-image PDQ alone.</summary>
    public const int PdqRadius = 31;

    /// <summary>Whole-image PDQ alone in <see cref="GarmentMatcher.MatchPdq"/> (PDQ's customary threshold).</summary>
    public const int PdqOnlyRadius = 31;

    /// <summary>Content-box hash (any framing pairing) alone.</summary>
    public const int ContentRadius = 52;

    /// <summary>Shape hash, accepted only together with a content distance under <see cref="ContentWithShapeRadius"/>.</summary>
    public const int ShapeRadius = 56;

    /// <summary>Content distance that, with a close shape, still counts (recoloured copies).</summary>
    public const int ContentWithShapeRadius = 90;

    /// <summary>The largest radius any index is searched with.</summary>
    public const int MaxRadius = 56;

    /// <summary>
    /// Content quality both sides need before content and shape hashes count. Over-peeled or
    /// tiny content boxes hash to (nearly) all-zero, and two of those are "identical".
    /// </summary>
    public const int MinContentQuality = ImageFingerprint.MinimumMatchableQuality;

    public static MatchEvidence? Judge(QuerySignals query, GarmentSignals registered)
    {
        var q = query.Signals;
        var usePdq = q.Quality >= ImageFingerprint.MinimumMatchableQuality
            && registered.Quality >= ImageFingerprint.MinimumMatchableQuality;
        var useContent = q.HasContentSignals && registered.HasContentSignals
            && q.ContentQuality >= MinContentQuality && registered.ContentQuality >= MinContentQuality;
        MatchEvidence? best = null;
        for (var t = DihedralTransform.Original; t <= DihedralTransform.Transverse; t++)
        {
            var distance = int.MaxValue;
            if (usePdq)
            {
                var d = query.Pdq[t].DistanceTo(registered.Pdq);
                if (d <= PdqRadius)
                {
                    distance = d;
                }
            }

            if (useContent)
            {
                var dc = ContentDistance(query, registered, t);
                if (dc <= ContentRadius)
                {
                    distance = Math.Min(distance, dc);
                }

                var ds = ShapeDistance(query, registered, t);
                if (ds <= ShapeRadius && dc <= ContentWithShapeRadius)
                {
                    distance = Math.Min(distance, ds);
                }
            }

            if (distance != int.MaxValue && (best is null || distance < best.Value.Distance))
            {
                best = new MatchEvidence(distance, t);
            }
        }

        return best;
    }

    /// <summary>Closest of the framing pairings: full/full, a crop on either side, deskewed/deskewed, canvas/centre crop, and panel-keyed/deskewed.</summary>
    public static int ContentDistance(QuerySignals query, GarmentSignals registered, DihedralTransform t)
    {
        var qc = query.Content[t];
        var qi = query.Inner[t];
        var framed = Math.Min(
            Math.Min(qc.DistanceTo(registered.Content), qc.DistanceTo(registered.Inner)),
            Math.Min(qi.DistanceTo(registered.Content), qi.DistanceTo(registered.Inner)));
        var aligned = query.AlignedContent[t].DistanceTo(registered.AlignedContent);
        var canvas = query.Canvas[t].DistanceTo(registered.CanvasInner);
        var panel = query.PanelContent is { } p ? p[t].DistanceTo(registered.AlignedContent) : int.MaxValue;
        return Math.Min(Math.Min(framed, panel), Math.Min(aligned, canvas));
    }

    /// <summary>Closest shape pairing: as-is or deskewed.</summary>
    public static int ShapeDistance(QuerySignals query, GarmentSignals registered, DihedralTransform t) =>
        Math.Min(
            Math.Min(query.Shape[t].DistanceTo(registered.Shape), query.AlignedShape[t].DistanceTo(registered.AlignedShape)),
            query.PanelShape is { } p ? p[t].DistanceTo(registered.AlignedShape) : int.MaxValue);

    /// <summary>0..1, 1 for identical hashes, falling linearly to 0 at half the bits.</summary>
    public static double Score(int distance) => Math.Clamp(1.0 - (distance / 128.0), 0.0, 1.0);
}
