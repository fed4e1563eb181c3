namespace Vfip.Fingerprinting.Normalisation;

/// <summary>
/// Finds the garment's content box and background so that padding, screenshot borders and
/// background swaps do not change the content hashes. The image has already been EXIF-oriented
/// and flattened onto white by <see cref="SafeImageDecoder"/>, so a transparent background
/// arrives as white and is handled exactly like a plain one.
/// </summary>
/// <remarks>
/// Uniform lines are peeled from all four sides, one line per side per round, whatever their
/// colour: a dark title bar, a light-grey frame and the white page margin inside it all fall
/// away, even where two frames differ by a few levels only (a ring-colour test would stop at
/// the first low-contrast step). Rounds alternate sides because a title bar makes the side
/// columns non-uniform until it is gone. The background to key is the colour of the innermost
/// peeled lines. The box is then tightened to foreground mass quantiles so that stray specks
/// and JPEG ringing in the margin do not stretch it.
/// </remarks>
internal static class ContentNormaliser
{
    private const float LineTolerance = 28f;      // max channel difference still "the same colour" (JPEG q30 noise)
    private const float PanelShare = 0.6f;        // band share at which a second colour counts as a panel
    private const float PanelArea = 0.3f;         // and the share of the box it must cover
    private const float PanelPresence = 0.4f;     // share of the band that must be foreground at all
    private const float UniformShare = 0.96f;     // a line with more than 4% other pixels touches content
    private const float KeyLow = 14f;             // below this difference a pixel is pure background
    private const float KeyHigh = 56f;            // above it, pure foreground; between: anti-aliased edge
    private const float MassQuantile = 0.003f;    // foreground mass ignored at each side of the box: specks, JPEG ringing
    private const float MinContentShare = 0.002f; // less foreground than this is "nothing there"
    private const int MinSide = 4;
    private const float CoreSupport = 0.15f;      // a line with less foreground across the box is spill (CoreBox)
    private const float CoreMinShare = 0.5f;      // CoreBox may drop at most half the box per axis

    public static ContentLayout Find(WorkingRaster raster)
    {
        int x0 = 0, y0 = 0, x1 = raster.Width, y1 = raster.Height;
        var inner = new (float R, float G, float B)?[4]; // innermost peeled colour per side: top, bottom, left, right
        var scratch = new float[Math.Max(raster.Width, raster.Height)];
        var changed = true;
        while (changed)
        {
            changed = false;
            if (y1 - y0 > MinSide && Uniform(raster, x0, y0, x1 - x0, 1, scratch, out var c))
            {
                inner[0] = c;
                y0++;
                changed = true;
            }

            if (y1 - y0 > MinSide && Uniform(raster, x0, y1 - 1, x1 - x0, 1, scratch, out c))
            {
                inner[1] = c;
                y1--;
                changed = true;
            }

            if (x1 - x0 > MinSide && Uniform(raster, x0, y0, 1, y1 - y0, scratch, out c))
            {
                inner[2] = c;
                x0++;
                changed = true;
            }

            if (x1 - x0 > MinSide && Uniform(raster, x1 - 1, y0, 1, y1 - y0, scratch, out c))
            {
                inner[3] = c;
                x1--;
                changed = true;
            }
        }

        var box = new ContentBox(x0, y0, x1, y1);
        var peeled = inner.Where(c => c is not null).Select(c => c!.Value).ToList();
        if (peeled.Count == 0)
        {
            // Content touches every edge (a crop, a full-bleed photo): nothing to trim or key.
            return new ContentLayout(box, null, HasContent: true);
        }

        var background = (
            Median(peeled.Select(c => c.R)),
            Median(peeled.Select(c => c.G)),
            Median(peeled.Select(c => c.B)));
        if (box.Width <= MinSide || box.Height <= MinSide)
        {
            // Everything peeled away: a flat image.
            return new ContentLayout(box, background, HasContent: false);
        }

        var layout = new ContentLayout(box, background, HasContent: true);
        var tight = ForegroundBox(raster, box, layout, out var mass);
        if (mass < MinContentShare * box.Width * box.Height)
        {
            return layout with { HasContent = false };
        }

        return layout with { Box = tight.Width >= MinSide && tight.Height >= MinSide ? tight : box };
    }

    /// <summary>
    /// A second background inside the box: when the box's two-pixel ring is mostly one colour
    /// unlike the background, that colour is an opaque panel around the garment (a photo rotated
    /// onto a white canvas, whose slanted edges are not uniform lines and so are not peeled).
    /// Used on the query side only, as an extra framing: keying it for registered images too
    /// removed garments' own outlines and cost more than it gained (ADR 0006).
    /// </summary>
    public static (float R, float G, float B)? Panel(WorkingRaster raster, ContentLayout layout)
    {
        // The box's outer band: a rotated panel's slanted edges leave background triangles in the
        // corners, so look at the band's foreground pixels only.
        var box = layout.Box;
        var thickness = Math.Max(1, Math.Min(box.Width, box.Height) / 8);
        var band = new List<int>();
        var total = 0;
        for (var y = box.Y0; y < box.Y1; y++)
        {
            var edgeRow = y < box.Y0 + thickness || y >= box.Y1 - thickness;
            for (var x = box.X0; x < box.X1; x++)
            {
                if (edgeRow || x < box.X0 + thickness || x >= box.X1 - thickness)
                {
                    total++;
                    var i = (y * raster.Width) + x;
                    if (layout.Weight(raster.R[i], raster.G[i], raster.B[i]) > 0.5f)
                    {
                        band.Add(i);
                    }
                }
            }
        }

        if (band.Count < PanelPresence * total)
        {
            return null;
        }

        var colour = (R: Median(band.Select(i => raster.R[i])), G: Median(band.Select(i => raster.G[i])), B: Median(band.Select(i => raster.B[i])));
        bool Close(int i) =>
            MathF.Abs(raster.R[i] - colour.R) <= LineTolerance
            && MathF.Abs(raster.G[i] - colour.G) <= LineTolerance
            && MathF.Abs(raster.B[i] - colour.B) <= LineTolerance;
        if (band.Count(Close) < PanelShare * band.Count)
        {
            return null;
        }

        // A panel is large: it must cover a good part of the box, not just its rim (an outline).
        var covered = 0;
        for (var y = box.Y0; y < box.Y1; y++)
        {
            for (var x = box.X0; x < box.X1; x++)
            {
                covered += Close((y * raster.Width) + x) ? 1 : 0;
            }
        }

        return covered >= PanelArea * box.Width * box.Height ? colour : null;
    }

    /// <summary>Soft foreground weight 0..1 of a pixel against the background colour.</summary>
    public static float ForegroundWeight(float r, float g, float b, (float R, float G, float B) background)
    {
        var d = MathF.Max(MathF.Abs(r - background.R), MathF.Max(MathF.Abs(g - background.G), MathF.Abs(b - background.B)));
        return Math.Clamp((d - KeyLow) / (KeyHigh - KeyLow), 0f, 1f);
    }

    /// <summary>Whether the w×h line (one of them is 1) is one colour; <paramref name="colour"/> is its per-channel median.</summary>
    private static bool Uniform(WorkingRaster raster, int x, int y, int w, int h, float[] scratch, out (float R, float G, float B) colour)
    {
        var n = w * h;
        var values = scratch.AsSpan(0, n);
        colour = (LineMedian(raster.R, raster.Width, x, y, w, h, values), LineMedian(raster.G, raster.Width, x, y, w, h, values),
            LineMedian(raster.B, raster.Width, x, y, w, h, values));
        var close = 0;
        for (var k = 0; k < n; k++)
        {
            var i = ((y + (h == 1 ? 0 : k)) * raster.Width) + x + (h == 1 ? k : 0);
            if (MathF.Abs(raster.R[i] - colour.R) <= LineTolerance
                && MathF.Abs(raster.G[i] - colour.G) <= LineTolerance
                && MathF.Abs(raster.B[i] - colour.B) <= LineTolerance)
            {
                close++;
            }
        }

        return close >= UniformShare * n;
    }

    private static float LineMedian(float[] plane, int stride, int x, int y, int w, int h, Span<float> values)
    {
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = plane[((y + (h == 1 ? 0 : k)) * stride) + x + (h == 1 ? k : 0)];
        }

        values.Sort();
        return values[values.Length / 2];
    }

    private static float Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static ContentBox ForegroundBox(WorkingRaster raster, ContentBox box, ContentLayout layout, out float total)
    {
        var columns = new float[box.Width];
        var rows = new float[box.Height];
        total = 0;
        for (var y = box.Y0; y < box.Y1; y++)
        {
            var offset = y * raster.Width;
            var rowSum = 0f;
            for (var x = box.X0; x < box.X1; x++)
            {
                var i = offset + x;
                var w = layout.Weight(raster.R[i], raster.G[i], raster.B[i]);
                columns[x - box.X0] += w;
                rowSum += w;
            }

            rows[y - box.Y0] = rowSum;
            total += rowSum;
        }

        if (total <= 0)
        {
            return box;
        }

        var (x0, x1) = QuantileSpan(columns, total);
        var (y0, y1) = QuantileSpan(rows, total);
        return new ContentBox(box.X0 + x0, box.Y0 + y0, box.X0 + x1, box.Y0 + y1);
    }

    /// <summary>
    /// The box without sparse edge columns and rows: from each side, lines where less than
    /// <see cref="CoreSupport"/> of the pixels across the box are foreground are dropped. A
    /// watermark or caption that runs past the garment is a thin band, so the columns it alone
    /// occupies have little support. Null when nothing would be dropped or too much would.
    /// </summary>
    public static ContentBox? CoreBox(float[] weight, int width, ContentBox box)
    {
        var columns = new int[box.Width];
        var rows = new int[box.Height];
        for (var y = box.Y0; y < box.Y1; y++)
        {
            var offset = y * width;
            for (var x = box.X0; x < box.X1; x++)
            {
                if (weight[offset + x] > 0.5f)
                {
                    columns[x - box.X0]++;
                    rows[y - box.Y0]++;
                }
            }
        }

        var (x0, x1) = SupportSpan(columns, CoreSupport * box.Height);
        var (y0, y1) = SupportSpan(rows, CoreSupport * box.Width);
        var core = new ContentBox(box.X0 + x0, box.Y0 + y0, box.X0 + x1, box.Y0 + y1);
        if (core == box || core.Width < CoreMinShare * box.Width || core.Height < CoreMinShare * box.Height || core.Width < MinSide || core.Height < MinSide)
        {
            return null;
        }

        return core;
    }

    private static (int Start, int End) SupportSpan(int[] support, float threshold)
    {
        int start = 0, end = support.Length;
        while (start < end - 1 && support[start] < threshold)
        {
            start++;
        }

        while (end > start + 1 && support[end - 1] < threshold)
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>Mass-quantile box of a precomputed foreground weight plane.</summary>
    public static ContentBox MassBox(float[] weight, int width, ContentBox box, out float total) =>
        MassBox(weight, width, box, MassQuantile, out total);

    /// <summary>Mass-quantile box with an explicit quantile per side.</summary>
    public static ContentBox MassBox(float[] weight, int width, ContentBox box, float quantile, out float total)
    {
        var columns = new float[box.Width];
        var rows = new float[box.Height];
        total = 0;
        for (var y = box.Y0; y < box.Y1; y++)
        {
            var rowSum = 0f;
            for (var x = box.X0; x < box.X1; x++)
            {
                var w = weight[(y * width) + x];
                columns[x - box.X0] += w;
                rowSum += w;
            }

            rows[y - box.Y0] = rowSum;
            total += rowSum;
        }

        if (total <= 0)
        {
            return box;
        }

        var (x0, x1) = QuantileSpan(columns, total, quantile);
        var (y0, y1) = QuantileSpan(rows, total, quantile);
        return new ContentBox(box.X0 + x0, box.Y0 + y0, box.X0 + x1, box.Y0 + y1);
    }

    private static (int Start, int End) QuantileSpan(float[] mass, float total, float quantile = MassQuantile)
    {
        var cut = total * quantile;
        int start = 0, end = mass.Length;
        var sum = 0f;
        while (start < mass.Length - 1 && sum + mass[start] <= cut)
        {
            sum += mass[start++];
        }

        sum = 0f;
        while (end > start + 1 && sum + mass[end - 1] <= cut)
        {
            sum += mass[--end];
        }

        return (start, end);
    }
}
