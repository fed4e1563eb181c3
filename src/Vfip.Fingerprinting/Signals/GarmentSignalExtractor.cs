using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Vfip.Fingerprinting.Normalisation;
using Vfip.Fingerprinting.Pdq;

namespace Vfip.Fingerprinting.Signals;

/// <summary>
/// Computes <see cref="GarmentSignals"/> (and, for queries, their dihedral variants) from the one
/// decoded image: normalise to the content box, then hash luminance at two framings and the
/// colour-edge map, each with PDQ's DCT-and-median step so that all hashes are 256-bit and
/// rotate/flip by coefficient sign flips exactly like PDQ.
/// </summary>
internal static class GarmentSignalExtractor
{
    private const int Grid = 64;
    private const int ShapeGrid = 128;

    /// <summary>Share of the content box kept on each axis by the inner framing (a 10%-per-side crop).</summary>
    internal const float InnerShare = 0.8f;

    internal const float White = 255f;

    /// <summary>Fixed small rotations tried on the query side (degrees).</summary>
    private static readonly double[] TurnAngles = [-6, -3, 3, 6];

    public static (GarmentSignals Signals, QuerySignals? Query) Compute(
        Image<Rgba32> image, PdqResult wholeImage, bool forQuery, CancellationToken ct)
    {
        var raster = WorkingRaster.From(image);
        ct.ThrowIfCancellationRequested();
        var layout = ContentNormaliser.Find(raster);
        var box = layout.Box;
        if (!layout.HasContent || box.Width < 4 || box.Height < 4)
        {
            var flat = GarmentSignals.FromPdq(wholeImage.Hash, wholeImage.Quality);
            return (flat, forQuery ? QueryFor(flat, wholeImage, null, null, null, null, null, null, null, null) : null);
        }

        var (r, g, b, weight) = Keyed(raster, layout);

        Span<float> contentDct = stackalloc float[256];
        Span<float> innerDct = stackalloc float[256];
        Span<float> shapeDct = stackalloc float[256];

        var luma = Luma(r, g, b);
        var contentQuality = LumaDct(luma, raster.Width, raster.Height, box.X0, box.Y0, box.Width, box.Height, contentDct, ct);
        float innerX = box.Width * (1 - InnerShare) / 2, innerY = box.Height * (1 - InnerShare) / 2;
        _ = LumaDct(luma, raster.Width, raster.Height, box.X0 + innerX, box.Y0 + innerY, box.Width * InnerShare, box.Height * InnerShare, innerDct, ct);
        ShapeDct(r, g, b, raster.Width, raster.Height, box, shapeDct, ct);

        // Deskewed framing; when the garment is upright (or round) it is the as-is framing.
        var alignedContentDct = contentDct.ToArray();
        var alignedShapeDct = shapeDct.ToArray();
        if (weight is not null && Deskew.Apply(r, g, b, weight, raster.Width, raster.Height, box) is { } deskewed)
        {
            var box2 = deskewed.Box;
            _ = LumaDct(Luma(deskewed.R, deskewed.G, deskewed.B), deskewed.Width, deskewed.Height, box2.X0, box2.Y0, box2.Width, box2.Height, alignedContentDct, ct);
            ShapeDct(deskewed.R, deskewed.G, deskewed.B, deskewed.Width, deskewed.Height, box2, alignedShapeDct, ct);
        }

        // Canvas framings use the raw raster (no trimming, no keying): registered images keep the
        // centre 80%, queries the whole canvas.
        var rawLuma = Luma(raster.R, raster.G, raster.B);
        Span<float> canvasInnerDct = stackalloc float[256];
        float canvasX = raster.Width * (1 - InnerShare) / 2, canvasY = raster.Height * (1 - InnerShare) / 2;
        _ = LumaDct(rawLuma, raster.Width, raster.Height, canvasX, canvasY, raster.Width * InnerShare, raster.Height * InnerShare, canvasInnerDct, ct);
        float[]? canvasDct = null;
        if (forQuery)
        {
            canvasDct = new float[256];
            _ = LumaDct(rawLuma, raster.Width, raster.Height, 0, 0, raster.Width, raster.Height, canvasDct, ct);
        }

        float[]? panelContentDct = null, panelShapeDct = null;
        if (forQuery && ContentNormaliser.Panel(raster, layout) is { } panel)
        {
            (panelContentDct, panelShapeDct) = PanelFraming(raster, layout, panel, ct);
        }

        float[]? coreContentDct = null;
        if (forQuery && weight is not null && ContentNormaliser.CoreBox(weight, raster.Width, box) is { } core)
        {
            coreContentDct = new float[256];
            _ = LumaDct(luma, raster.Width, raster.Height, core.X0, core.Y0, core.Width, core.Height, coreContentDct, ct);
        }

        List<float[]>? turnedDcts = null;
        if (forQuery && weight is not null)
        {
            turnedDcts = [];
            foreach (var degrees in TurnAngles)
            {
                if (Deskew.Turn(luma, weight, raster.Width, raster.Height, box, degrees) is { } turned)
                {
                    var dct = new float[256];
                    _ = LumaDct(turned.Luma, turned.Width, turned.Height, turned.Box.X0, turned.Box.Y0, turned.Box.Width, turned.Box.Height, dct, ct);
                    turnedDcts.Add(dct);
                }
            }
        }

        var aspect = box.Width / (float)box.Height;
        var signals = new GarmentSignals(
            wholeImage.Hash,
            wholeImage.Quality,
            PdqHasher.ToBits(contentDct),
            PdqHasher.ToBits(innerDct),
            PdqHasher.ToBits(shapeDct),
            PdqHasher.ToBits(alignedContentDct),
            PdqHasher.ToBits(alignedShapeDct),
            PdqHasher.ToBits(canvasInnerDct),
            contentQuality,
            aspect);
        return (signals, forQuery
            ? QueryFor(signals, wholeImage, contentDct.ToArray(), innerDct.ToArray(), shapeDct.ToArray(), alignedContentDct, alignedShapeDct, canvasDct, panelContentDct, panelShapeDct, coreContentDct, turnedDcts)
            : null);
    }

    private static QuerySignals QueryFor(
        GarmentSignals signals, PdqResult wholeImage, float[]? content, float[]? inner, float[]? shape, float[]? alignedContent, float[]? alignedShape, float[]? canvas, float[]? panelContent, float[]? panelShape, float[]? coreContent = null, List<float[]>? turned = null) =>
        new(
            signals,
            wholeImage.Dihedral ?? Repeat(wholeImage.Hash),
            content is null ? Repeat(default) : Dihedral(content),
            inner is null ? Repeat(default) : Dihedral(inner),
            shape is null ? Repeat(default) : Dihedral(shape),
            alignedContent is null ? Repeat(default) : Dihedral(alignedContent),
            alignedShape is null ? Repeat(default) : Dihedral(alignedShape),
            canvas is null ? Repeat(default) : Dihedral(canvas),
            panelContent is null ? null : Dihedral(panelContent),
            panelShape is null ? null : Dihedral(panelShape),
            coreContent is null ? null : Dihedral(coreContent),
            turned?.Select(Dihedral).ToArray());

    /// <summary>Foreground weight against every blend of two background colours (the segment between them).</summary>
    private static float BlendWeight(float r, float g, float b, (float R, float G, float B) a, (float R, float G, float B) c)
    {
        float dr = c.R - a.R, dg = c.G - a.G, db = c.B - a.B;
        var length = (dr * dr) + (dg * dg) + (db * db);
        var t = length > 0 ? Math.Clamp((((r - a.R) * dr) + ((g - a.G) * dg) + ((b - a.B) * db)) / length, 0f, 1f) : 0f;
        return ContentNormaliser.ForegroundWeight(r, g, b, (a.R + (t * dr), a.G + (t * dg), a.B + (t * db)));
    }

    /// <summary>Keys the panel as well as the background, re-boxes, deskews and hashes.</summary>
    private static (float[]? Content, float[]? Shape) PanelFraming(
        WorkingRaster raster, ContentLayout layout, (float R, float G, float B) panel, CancellationToken ct)
    {
        var n = raster.R.Length;
        var r = new float[n];
        var g = new float[n];
        var b = new float[n];
        var weight = new float[n];
        var background = layout.Background ?? (White, White, White);
        for (var i = 0; i < n; i++)
        {
            // Pixels on the panel's anti-aliased rim are blends of panel and background: they lie on
            // the colour segment between the two and are background too.
            var w = MathF.Min(
                layout.Weight(raster.R[i], raster.G[i], raster.B[i]),
                BlendWeight(raster.R[i], raster.G[i], raster.B[i], background, panel));
            weight[i] = w;
            var keep = White * (1 - w);
            r[i] = (raster.R[i] * w) + keep;
            g[i] = (raster.G[i] * w) + keep;
            b[i] = (raster.B[i] * w) + keep;
        }

        var box = ContentNormaliser.MassBox(weight, raster.Width, layout.Box, out var mass);
        if (mass < 0.002f * layout.Box.Width * layout.Box.Height || box.Width < 4 || box.Height < 4)
        {
            return (null, null);
        }

        var content = new float[256];
        var shape = new float[256];
        if (Deskew.Apply(r, g, b, weight, raster.Width, raster.Height, box) is { } d)
        {
            _ = LumaDct(Luma(d.R, d.G, d.B), d.Width, d.Height, d.Box.X0, d.Box.Y0, d.Box.Width, d.Box.Height, content, ct);
            ShapeDct(d.R, d.G, d.B, d.Width, d.Height, d.Box, shape, ct);
        }
        else
        {
            _ = LumaDct(Luma(r, g, b), raster.Width, raster.Height, box.X0, box.Y0, box.Width, box.Height, content, ct);
            ShapeDct(r, g, b, raster.Width, raster.Height, box, shape, ct);
        }

        return (content, shape);
    }

    private static PdqDihedralHashes Repeat(PdqHash hash) => new([hash, hash, hash, hash, hash, hash, hash, hash]);

    private static PdqDihedralHashes Dihedral(float[] dct)
    {
        var hashes = new PdqHash[8];
        Span<float> transformed = stackalloc float[256];
        for (var t = DihedralTransform.Original; t <= DihedralTransform.Transverse; t++)
        {
            PdqHasher.TransformDct(dct, transformed, t);
            hashes[(int)t] = PdqHasher.ToBits(transformed);
        }

        return new PdqDihedralHashes(hashes);
    }

    /// <summary>
    /// Replaces background-coloured pixels by white, softly across anti-aliased edges, so a
    /// garment cut out onto transparency (flattened to white) and the same garment on blue give
    /// the same planes. Keying is global rather than a flood fill: it is consistent either way,
    /// and only the background colour next to the box is keyed, never the outer frames.
    /// </summary>
    private static (float[] R, float[] G, float[] B, float[]? Weight) Keyed(WorkingRaster raster, ContentLayout layout)
    {
        if (layout.Background is null)
        {
            // Nothing to key, but deskewing still needs a mass: measure it against the white that
            // transparency was flattened onto, so a cut-out touching its canvas edges (a pen, a
            // tight stamp) gets the same angle as its rotated copy, which does have a background.
            var mass = new float[raster.R.Length];
            for (var i = 0; i < mass.Length; i++)
            {
                mass[i] = ContentNormaliser.ForegroundWeight(raster.R[i], raster.G[i], raster.B[i], (White, White, White));
            }

            return (raster.R, raster.G, raster.B, mass);
        }

        var n = raster.R.Length;
        var r = new float[n];
        var g = new float[n];
        var b = new float[n];
        var weight = new float[n];
        for (var i = 0; i < n; i++)
        {
            var w = layout.Weight(raster.R[i], raster.G[i], raster.B[i]);
            weight[i] = w;
            var keep = White * (1 - w);
            r[i] = (raster.R[i] * w) + keep;
            g[i] = (raster.G[i] * w) + keep;
            b[i] = (raster.B[i] * w) + keep;
        }

        return (r, g, b, weight);
    }

    private static float[] Luma(float[] r, float[] g, float[] b)
    {
        var luma = new float[r.Length];
        for (var i = 0; i < luma.Length; i++)
        {
            luma[i] = (0.299f * r[i]) + (0.587f * g[i]) + (0.114f * b[i]);
        }

        return luma;
    }

    private static int LumaDct(
        float[] luma, int width, int height, float x0, float y0, float w, float h, Span<float> dct, CancellationToken ct)
    {
        var grid = new float[Grid * Grid];
        new AreaResampler(width, height, x0, y0, w, h, Grid, Grid).Resample(luma, grid);
        return PdqHasher.Dct16FromLuma(grid, new float[Grid * Grid], Grid, Grid, dct, ct);
    }

    /// <summary>
    /// Colour-edge density: at 128×128, the largest per-channel gradient, averaged to 64×64 and
    /// square-rooted so that faint and strong edges both count. Recolouring and hue rotation move
    /// channel values but keep where colours change; grayscale keeps every luminance edge.
    /// </summary>
    private static void ShapeDct(float[] r, float[] g, float[] b, int width, int height, ContentBox box, Span<float> dct, CancellationToken ct)
    {
        var resampler = new AreaResampler(width, height, box.X0, box.Y0, box.Width, box.Height, ShapeGrid, ShapeGrid);
        var planes = new[] { new float[ShapeGrid * ShapeGrid], new float[ShapeGrid * ShapeGrid], new float[ShapeGrid * ShapeGrid] };
        resampler.Resample(r, planes[0]);
        resampler.Resample(g, planes[1]);
        resampler.Resample(b, planes[2]);
        var edges = new float[ShapeGrid * ShapeGrid];
        for (var y = 0; y < ShapeGrid; y++)
        {
            for (var x = 0; x < ShapeGrid; x++)
            {
                var i = (y * ShapeGrid) + x;
                var best = 0f;
                foreach (var p in planes)
                {
                    var dx = x + 1 < ShapeGrid ? p[i + 1] - p[i] : 0f;
                    var dy = y + 1 < ShapeGrid ? p[i + ShapeGrid] - p[i] : 0f;
                    var dxl = x > 0 ? p[i] - p[i - 1] : 0f;
                    var dyu = y > 0 ? p[i] - p[i - ShapeGrid] : 0f;
                    // Symmetric differences so the map is exactly as stable under flips as the image.
                    best = MathF.Max(best, MathF.Abs(dx) + MathF.Abs(dy) + MathF.Abs(dxl) + MathF.Abs(dyu));
                }

                edges[i] = best;
            }
        }

        var grid = new float[Grid * Grid];
        for (var y = 0; y < Grid; y++)
        {
            for (var x = 0; x < Grid; x++)
            {
                var i = (2 * y * ShapeGrid) + (2 * x);
                grid[(y * Grid) + x] = MathF.Sqrt((edges[i] + edges[i + 1] + edges[i + ShapeGrid] + edges[i + ShapeGrid + 1]) / 4);
            }
        }

        _ = PdqHasher.Dct16FromLuma(grid, new float[Grid * Grid], Grid, Grid, dct, ct);
    }
}
