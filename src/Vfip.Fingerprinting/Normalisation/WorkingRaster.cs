using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Vfip.Fingerprinting.Normalisation;

/// <summary>
/// A small RGB copy of the decoded image (block-averaged to at most <see cref="TargetSide"/> px
/// a side) on which content-box detection and background keying run. Working on ≤ 256 px keeps
/// normalisation to a single pass over the full-resolution pixels, whatever the upload's size;
/// the content hashes are 64×64 anyway.
/// </summary>
internal sealed class WorkingRaster
{
    public const int TargetSide = 256;

    private WorkingRaster(int width, int height, float scale, float[] r, float[] g, float[] b)
    {
        Width = width;
        Height = height;
        Scale = scale;
        R = r;
        G = g;
        B = b;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Source pixels per working pixel along each axis.</summary>
    public float Scale { get; }

    public float[] R { get; }

    public float[] G { get; }

    public float[] B { get; }

    public static WorkingRaster From(Image<Rgba32> image)
    {
        var factor = Math.Max(1, (Math.Max(image.Width, image.Height) + TargetSide - 1) / TargetSide);
        int width = Math.Max(1, image.Width / factor), height = Math.Max(1, image.Height / factor);
        var r = new float[width * height];
        var g = new float[width * height];
        var b = new float[width * height];
        var sumR = new int[width];
        var sumG = new int[width];
        var sumB = new int[width];
        var inverseArea = 1f / (factor * factor);
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < height; y++)
            {
                Array.Clear(sumR);
                Array.Clear(sumG);
                Array.Clear(sumB);
                for (var dy = 0; dy < factor; dy++)
                {
                    var row = accessor.GetRowSpan((y * factor) + dy);
                    for (var x = 0; x < width; x++)
                    {
                        var block = row.Slice(x * factor, factor);
                        int sr = 0, sg = 0, sb = 0;
                        foreach (ref readonly var p in block)
                        {
                            sr += p.R;
                            sg += p.G;
                            sb += p.B;
                        }

                        sumR[x] += sr;
                        sumG[x] += sg;
                        sumB[x] += sb;
                    }
                }

                var offset = y * width;
                for (var x = 0; x < width; x++)
                {
                    r[offset + x] = sumR[x] * inverseArea;
                    g[offset + x] = sumG[x] * inverseArea;
                    b[offset + x] = sumB[x] * inverseArea;
                }
            }
        });

        return new WorkingRaster(width, height, factor, r, g, b);
    }
}
