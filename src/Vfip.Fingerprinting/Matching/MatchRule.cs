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

    /// <summary>
    /// Query-side fixed-angle turns (<see cref="QuerySignals.TurnedContent"/>) against the
    /// registered content hash: tighter than <see cref="ContentRadius"/>, because four extra
    /// framings give four more chances to meet an unrelated design.
    /// </summary>
    public const int TurnedRadius = 44;

    /// <summary>
    /// Whole-image PDQ that, together with a content distance within
    /// <see cref="ContentWithPdqRadius"/> under the same transform, counts: two independent,
    /// moderately close signals (watermarked, halved, blurred copies).
    /// </summary>
    public const int PdqWithContentRadius = 48;

    /// <summary>Content distance accepted with a whole-image PDQ within <see cref="PdqWithContentRadius"/>.</summary>
    public const int ContentWithPdqRadius = 64;

    /// <summary>
    /// Shape distance that counts on its own: colour-edge maps this close are the same drawing
    /// whatever its colours (hue-shifted copies whose luminance moved far).
    /// </summary>
    public const int ShapeAloneRadius = 8;

    /// <summary>
    /// Content distance above which a content-only match also needs the two content boxes'
    /// aspect ratios to agree (within <see cref="AspectTolerance"/>): most wrong matches of
    /// centre-cropped copies pair the crop with a differently proportioned design.
    /// </summary>
    public const int ContentAnyAspectRadius = 40;

    /// <summary>Largest |ln(aspect ratio)| difference counted as "the same proportions" (≈ 22%).</summary>
    public const double AspectTolerance = 0.2;

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
            var pdq = int.MaxValue;
            if (usePdq)
            {
                pdq = query.Pdq[t].DistanceTo(registered.Pdq);
                if (pdq <= PdqRadius)
                {
                    distance = pdq;
                }
            }

            if (useContent)
            {
                var dc = ContentDistance(query, registered, t);
                if (dc <= ContentAnyAspectRadius || (dc <= ContentRadius && AspectAgrees(q, registered, t)))
                {
                    distance = Math.Min(distance, dc);
                }

                var dt = TurnedDistance(query, registered, t);
                if (dt <= TurnedRadius)
                {
                    distance = Math.Min(distance, dt);
                }

                var ds = ShapeDistance(query, registered, t);
                if (ds <= ShapeAloneRadius || (ds <= ShapeRadius && Math.Min(dc, dt) <= ContentWithShapeRadius))
                {
                    distance = Math.Min(distance, ds);
                }

                var either = Math.Min(dc, dt);
                if (pdq <= PdqWithContentRadius && either <= ContentWithPdqRadius)
                {
                    distance = Math.Min(distance, Math.Max(pdq, either));
                }
            }

            if (distance != int.MaxValue && (best is null || distance < best.Value.Distance))
            {
                best = new MatchEvidence(distance, t);
            }
        }

        return best;
    }

    /// <summary>Closest of the framing pairings: full/full, a crop on either side, deskewed/deskewed, canvas/centre crop, panel-keyed/deskewed and spill-trimmed core/full.</summary>
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
        if (query.CoreContent is { } core)
        {
            panel = Math.Min(panel, core[t].DistanceTo(registered.Content));
        }

        return Math.Min(Math.Min(framed, panel), Math.Min(aligned, canvas));
    }

    /// <summary>Whether the content boxes have about the same proportions once <paramref name="t"/> is applied.</summary>
    public static bool AspectAgrees(GarmentSignals query, GarmentSignals registered, DihedralTransform t)
    {
        if (!(query.ContentAspect > 0) || !(registered.ContentAspect > 0))
        {
            return true; // no box measured: nothing to disagree with
        }

        var swapsAxes = t is DihedralTransform.Rotate90 or DihedralTransform.Rotate270 or DihedralTransform.Transpose or DihedralTransform.Transverse;
        var other = swapsAxes ? 1 / registered.ContentAspect : registered.ContentAspect;
        return Math.Abs(Math.Log(query.ContentAspect / other)) <= AspectTolerance;
    }

    /// <summary>Closest of the query's fixed-angle turns to the registered content hash.</summary>
    public static int TurnedDistance(QuerySignals query, GarmentSignals registered, DihedralTransform t)
    {
        var best = int.MaxValue;
        foreach (var turned in query.TurnedContent)
        {
            best = Math.Min(best, turned[t].DistanceTo(registered.Content));
        }

        return best;
    }

    /// <summary>Closest shape pairing: as-is or deskewed.</summary>
    public static int ShapeDistance(QuerySignals query, GarmentSignals registered, DihedralTransform t) =>
        Math.Min(
            Math.Min(query.Shape[t].DistanceTo(registered.Shape), query.AlignedShape[t].DistanceTo(registered.AlignedShape)),
            query.PanelShape is { } p ? p[t].DistanceTo(registered.AlignedShape) : int.MaxValue);

    /// <summary>0..1, 1 for identical hashes, falling linearly to 0 at half the bits.</summary>
    public static double Score(int distance) => Math.Clamp(1.0 - (distance / 128.0), 0.0, 1.0);
}
