using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace Vfip.Benchmarks;

/// <summary>
/// Deterministic photo-like JPEGs (smooth gradients, noise, a few hard-edged shapes) so the
/// benchmark needs no data files. 1440×960 = 1.38 MP at quality 85, like a typical upload.
/// </summary>
internal static class SyntheticJpegs
{
    public const int Width = 1440;
    public const int Height = 960;

    public static byte[][] Create(int count, int seed = 1234)
    {
        var rng = new Random(seed);
        var encoder = new JpegEncoder { Quality = 85 };
        var result = new byte[count][];
        for (var n = 0; n < count; n++)
        {
            using var image = new Image<Rgba32>(Width, Height);
            var (fx, fy, phase) = (rng.NextDouble() * 6, rng.NextDouble() * 6, rng.NextDouble() * Math.PI);
            var shapes = Enumerable.Range(0, 12).Select(_ => (
                X: rng.Next(Width), Y: rng.Next(Height), R: rng.Next(30, 250),
                Color: new Rgba32((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256)), Disc: rng.Next(2) == 0)).ToArray();
            var noise = new Random(seed + n);
            image.ProcessPixelRows(accessor =>
            {
                for (var y = 0; y < Height; y++)
                {
                    var row = accessor.GetRowSpan(y);
                    for (var x = 0; x < Width; x++)
                    {
                        double u = (double)x / Width, v = (double)y / Height;
                        var r = 128 + (100 * Math.Sin((fx * u) + phase));
                        var g = 128 + (100 * Math.Cos((fy * v) - phase));
                        var b = 255 * u * v;
                        var pixel = new Rgba32((byte)r, (byte)g, (byte)b);
                        foreach (var s in shapes)
                        {
                            int dx = x - s.X, dy = y - s.Y;
                            var inside = s.Disc ? (dx * dx) + (dy * dy) < s.R * s.R : Math.Abs(dx) < s.R && Math.Abs(dy) < s.R / 2;
                            if (inside)
                            {
                                pixel = s.Color;
                            }
                        }

                        var jitter = noise.Next(-12, 13);
                        row[x] = new Rgba32(Clamp(pixel.R + jitter), Clamp(pixel.G + jitter), Clamp(pixel.B + jitter));
                    }
                }
            });
            using var stream = new MemoryStream();
            image.SaveAsJpeg(stream, encoder);
            result[n] = stream.ToArray();
        }

        return result;
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);
}
