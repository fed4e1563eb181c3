using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Vfip.Fingerprinting;

namespace Vfip.QualityBench;

/// <summary>
/// Single-thread cost of the fingerprint path on a 1.4 MP upload (1400×1000), as JPEG and PNG:
/// decode alone, registration fingerprint (all signals) and query fingerprint (plus dihedral variants).
/// </summary>
internal static class CostProbe
{
    public static string Run(string sourcePng, int iterations = 60)
    {
        using var source = Image.Load<Rgba32>(sourcePng);
        using var canvas = new Image<Rgba32>(1400, 1000, new Rgba32(240, 236, 228));
        using (var garment = source.Clone(x => x.Resize(0, 960)))
        {
            canvas.Mutate(x => x.DrawImage(garment, new Point((1400 - garment.Width) / 2, 20), 1f));
        }

        var lines = new List<string>();
        foreach (var (name, bytes) in new[] { ("JPEG q85", Encode(canvas, new JpegEncoder { Quality = 85 })), ("PNG", Encode(canvas, new PngEncoder())) })
        {
            var fingerprinter = new ImageFingerprinter();
            double Time(Action action)
            {
                for (var i = 0; i < 5; i++)
                {
                    action();
                }

                var watch = Stopwatch.StartNew();
                for (var i = 0; i < iterations; i++)
                {
                    action();
                }

                return watch.Elapsed.TotalMilliseconds / iterations;
            }

            var decode = Time(() => fingerprinter.Decoder.Decode(bytes).Dispose());
            var register = Time(() => fingerprinter.Fingerprint(bytes));
            var query = Time(() => fingerprinter.FingerprintForQuery(bytes));
            lines.Add($"| 1400×1000 {name} | {decode:F1} | {register:F1} | {query:F1} | {1000 / register:F0} |");
        }

        return "| upload | decode only (ms) | Fingerprint, all signals (ms) | FingerprintForQuery (ms) | images/s per core |\n|---|---:|---:|---:|---:|\n"
            + string.Join('\n', lines);
    }

    private static byte[] Encode(Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }
}
