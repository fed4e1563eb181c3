namespace Vfip.Fingerprinting.Normalisation;

/// <summary>
/// Undoes small rotations: measures the foreground's principal-axis angle from its second
/// moments and resamples the keyed planes so that axis is horizontal or vertical. A copy
/// rotated by 5° then lines up with the upright original (whose angle is ≈ 0), and the eight
/// dihedral variants take care of quarter turns and mirrors.
/// </summary>
/// <remarks>
/// The angle of a nearly round or square mass is noise, so below <see cref="MinElongation"/> no
/// rotation is applied; such shapes keep only the as-is framing. Angles under
/// <see cref="MinAngleDegrees"/> are treated as upright, so an untouched image is never resampled.
/// </remarks>
internal static class Deskew
{
    public const double MinElongation = 1.05;    // ratio of principal moments
    public const double MinAngleDegrees = 1.0;

    /// <summary>Returns the deskewed planes and their content box, or null when the image is upright or its angle undefined.</summary>
    public static (float[] R, float[] G, float[] B, int Width, int Height, ContentBox Box)? Apply(
        float[] r, float[] g, float[] b, float[] weight, int width, int height, ContentBox box)
    {
        double m = 0, mx = 0, my = 0;
        for (var y = box.Y0; y < box.Y1; y++)
        {
            for (var x = box.X0; x < box.X1; x++)
            {
                var w = weight[(y * width) + x];
                m += w;
                mx += w * x;
                my += w * y;
            }
        }

        if (m <= 0)
        {
            return null;
        }

        double cx = mx / m, cy = my / m, mu20 = 0, mu02 = 0, mu11 = 0;
        for (var y = box.Y0; y < box.Y1; y++)
        {
            for (var x = box.X0; x < box.X1; x++)
            {
                var w = weight[(y * width) + x];
                double dx = x - cx, dy = y - cy;
                mu20 += w * dx * dx;
                mu02 += w * dy * dy;
                mu11 += w * dx * dy;
            }
        }

        var common = Math.Sqrt(((mu20 - mu02) * (mu20 - mu02)) + (4 * mu11 * mu11));
        double major = (mu20 + mu02 + common) / 2, minor = (mu20 + mu02 - common) / 2;
        if (minor <= 0 || major / minor < MinElongation * MinElongation)
        {
            return null;
        }

        var theta = 0.5 * Math.Atan2(2 * mu11, mu20 - mu02); // major-axis angle, (-90°, 90°]
        while (theta > Math.PI / 4)
        {
            theta -= Math.PI / 2;
        }

        while (theta <= -Math.PI / 4)
        {
            theta += Math.PI / 2;
        }

        if (Math.Abs(theta) * 180 / Math.PI < MinAngleDegrees)
        {
            return null;
        }

        return Rotate(r, g, b, weight, width, height, box, cx, cy, theta);
    }

    /// <summary>
    /// The keyed luminance turned by <paramref name="degrees"/> about the foreground's centroid and
    /// their mass box: the query side's fixed small-rotation framings, for shapes whose angle is
    /// undefined (round, square) or measured imprecisely.
    /// </summary>
    public static (float[] Luma, int Width, int Height, ContentBox Box)? Turn(
        float[] luma, float[] weight, int width, int height, ContentBox box, double degrees)
    {
        double m = 0, mx = 0, my = 0;
        for (var y = box.Y0; y < box.Y1; y++)
        {
            for (var x = box.X0; x < box.X1; x++)
            {
                var w = weight[(y * width) + x];
                m += w;
                mx += w * x;
                my += w * y;
            }
        }

        if (m <= 0)
        {
            return null;
        }

        // One luminance plane: bilinear sampling is linear, so turning luma equals the luma of the turned colours.
        return RotatePlanes([luma], weight, width, height, box, mx / m, my / m, degrees * Math.PI / 180) is { } o
            ? (o.Planes[0], o.Width, o.Height, o.Box)
            : null;
    }

    private static (float[] R, float[] G, float[] B, int Width, int Height, ContentBox Box)? Rotate(
        float[] r, float[] g, float[] b, float[] weight, int width, int height, ContentBox box, double cx, double cy, double theta) =>
        RotatePlanes([r, g, b], weight, width, height, box, cx, cy, theta) is { } o
            ? (o.Planes[0], o.Planes[1], o.Planes[2], o.Width, o.Height, o.Box)
            : null;

    /// <summary>Turns colour planes (filled with white outside the box) and the weight plane; returns them with their mass box.</summary>
    private static (float[][] Planes, int Width, int Height, ContentBox Box)? RotatePlanes(
        float[][] planes, float[] weight, int width, int height, ContentBox box, double cx, double cy, double theta)
    {
        // Output canvas: the box rotated by -θ about the centroid, at the same scale.
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
        foreach (var (px, py) in new[] { (box.X0, box.Y0), (box.X1, box.Y0), (box.X0, box.Y1), (box.X1, box.Y1) })
        {
            double dx = px - cx, dy = py - cy;
            double u = (dx * cos) + (dy * sin), v = (-dx * sin) + (dy * cos);
            minU = Math.Min(minU, u);
            maxU = Math.Max(maxU, u);
            minV = Math.Min(minV, v);
            maxV = Math.Max(maxV, v);
        }

        int outW = Math.Max(1, (int)Math.Ceiling(maxU - minU)), outH = Math.Max(1, (int)Math.Ceiling(maxV - minV));
        var outPlanes = new float[planes.Length][];
        for (var p = 0; p < planes.Length; p++)
        {
            outPlanes[p] = new float[outW * outH];
        }

        var outWeight = new float[outW * outH];
        for (var oy = 0; oy < outH; oy++)
        {
            for (var ox = 0; ox < outW; ox++)
            {
                double u = ox + 0.5 + minU, v = oy + 0.5 + minV;
                var sx = cx + (u * cos) - (v * sin) - 0.5;
                var sy = cy + (u * sin) + (v * cos) - 0.5;
                var o = (oy * outW) + ox;
                if (sx < box.X0 - 0.5 || sy < box.Y0 - 0.5 || sx > box.X1 - 0.5 || sy > box.Y1 - 0.5)
                {
                    for (var p = 0; p < planes.Length; p++)
                    {
                        outPlanes[p][o] = 255f;
                    }

                    continue;
                }

                for (var p = 0; p < planes.Length; p++)
                {
                    outPlanes[p][o] = Bilinear(planes[p], width, height, sx, sy);
                }

                outWeight[o] = Bilinear(weight, width, height, sx, sy);
            }
        }

        var tight = ContentNormaliser.MassBox(outWeight, outW, new ContentBox(0, 0, outW, outH), out _);

        return tight.Width < 4 || tight.Height < 4 ? null : (outPlanes, outW, outH, tight);
    }

    private static float Bilinear(float[] plane, int width, int height, double x, double y)
    {
        x = Math.Clamp(x, 0, width - 1);
        y = Math.Clamp(y, 0, height - 1);
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, width - 1), y1 = Math.Min(y0 + 1, height - 1);
        float fx = (float)(x - x0), fy = (float)(y - y0);
        var top = (plane[(y0 * width) + x0] * (1 - fx)) + (plane[(y0 * width) + x1] * fx);
        var bottom = (plane[(y1 * width) + x0] * (1 - fx)) + (plane[(y1 * width) + x1] * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }
}
