using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Vfip.Fingerprinting.Tests;

/// <summary>
/// Garment-like test images drawn in memory: a t-shirt silhouette with stripes and a chest
/// print on a transparent background, and the edits identification must survive.
/// </summary>
internal static class TestGarments
{
    public static readonly Rgba32 Transparent = new(0, 0, 0, 0);

    /// <summary>A 512 px t-shirt on transparency; <paramref name="seed"/> varies colours, stripes and print.</summary>
    public static Image<Rgba32> Shirt(int seed = 1, int size = 512)
    {
        var random = new Random(seed);
        var image = new Image<Rgba32>(size, size, Transparent);
        var s = size / 512f;
        (float X, float Y)[] outline =
        [
            (256, 90), (206, 60), (150, 75), (60, 170), (105, 230), (150, 190), (150, 470), (362, 470), (362, 190), (407, 230), (452, 170),
            (362, 75), (306, 60),
        ];
        var body = Pick(random);
        var stripe = Pick(random);
        var stripeWidth = random.Next(12, 30);
        var print = Pick(random);
        int printX = random.Next(190, 280), printY = random.Next(150, 260), printW = random.Next(40, 90), printH = random.Next(30, 90);
        FillPolygon(image, [.. outline.Select(p => (p.X * s, p.Y * s))], (x, y) =>
        {
            var (ux, uy) = (x / s, y / s);
            if (ux >= printX && ux < printX + printW && uy >= printY && uy < printY + printH)
            {
                return print;
            }

            return ((int)uy / stripeWidth) % 2 == 0 ? body : stripe;
        });
        return image;
    }

    public static Rgba32 Pick(Random random) =>
        new((byte)random.Next(20, 235), (byte)random.Next(20, 235), (byte)random.Next(20, 235));

    /// <summary>Scanline fill of a simple polygon with a per-pixel colour.</summary>
    public static void FillPolygon(Image<Rgba32> image, (float X, float Y)[] points, Func<int, int, Rgba32> colour)
    {
        image.ProcessPixelRows(accessor =>
        {
            var crossings = new List<float>();
            for (var y = 0; y < accessor.Height; y++)
            {
                crossings.Clear();
                var cy = y + 0.5f;
                for (var i = 0; i < points.Length; i++)
                {
                    var (a, b) = (points[i], points[(i + 1) % points.Length]);
                    if ((a.Y <= cy && b.Y > cy) || (b.Y <= cy && a.Y > cy))
                    {
                        crossings.Add(a.X + ((cy - a.Y) / (b.Y - a.Y) * (b.X - a.X)));
                    }
                }

                crossings.Sort();
                var row = accessor.GetRowSpan(y);
                for (var k = 0; k + 1 < crossings.Count; k += 2)
                {
                    for (var x = Math.Max(0, (int)MathF.Round(crossings[k])); x < Math.Min(row.Length, (int)MathF.Round(crossings[k + 1])); x++)
                    {
                        row[x] = colour(x, y);
                    }
                }
            }
        });
    }

    /// <summary>The image on a larger canvas of <paramref name="fill"/> with <paramref name="margin"/> px on every side.</summary>
    public static Image<Rgba32> Pad(Image<Rgba32> image, int margin, Rgba32 fill) => Frame(image, margin, margin, margin, margin, fill);

    public static Image<Rgba32> Frame(Image<Rgba32> image, int left, int top, int right, int bottom, Rgba32 fill)
    {
        var canvas = new Image<Rgba32>(image.Width + left + right, image.Height + top + bottom, fill);
        canvas.Mutate(x => x.DrawImage(image, new Point(left, top), 1f));
        return canvas;
    }

    /// <summary>Puts the image on an opaque background colour.</summary>
    public static Image<Rgba32> OnBackground(Image<Rgba32> image, Rgba32 background) => Frame(image, 0, 0, 0, 0, background);

    /// <summary>A screenshot: downscaled, on white, in a grey frame with a dark title bar.</summary>
    public static Image<Rgba32> Screenshot(Image<Rgba32> image)
    {
        using var small = image.Clone(x => x.Resize(image.Width * 6 / 10, image.Height * 6 / 10));
        using var onWhite = OnBackground(small, new Rgba32(255, 255, 255));
        using var framed = Frame(onWhite, 20, 20, 20, 20, new Rgba32(240, 241, 243));
        return Frame(framed, 0, 44, 0, 0, new Rgba32(32, 33, 36));
    }

    /// <summary>Swaps red, green and blue (keeps alpha): every colour changes, every shape stays.</summary>
    public static Image<Rgba32> Recolour(Image<Rgba32> image)
    {
        var copy = image.Clone();
        copy.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                foreach (ref var p in accessor.GetRowSpan(y))
                {
                    p = new Rgba32(p.B, p.R, p.G, p.A);
                }
            }
        });
        return copy;
    }

    public static byte[] Png(Image image) => TestImages.Encode(image, new PngEncoder());
}
