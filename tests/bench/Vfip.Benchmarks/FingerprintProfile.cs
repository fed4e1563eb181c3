using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using Vfip.Fingerprinting;
using Vfip.Fingerprinting.Pdq;

namespace Vfip.Benchmarks;

/// <summary>
/// `-- profile`: where one fingerprint's time goes, stage by stage (median ms per 1.4 MP image,
/// one core), to explain the gap between the fingerprinter and a bare decode.
/// </summary>
internal static class FingerprintProfile
{
    public static void Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var jpegs = SyntheticJpegs.Create(8);
        var bare = new Configuration(new JpegConfigurationModule()) { MaxDegreeOfParallelism = 1 };
        var decoder = new SafeImageDecoder();
        var fingerprinter = new ImageFingerprinter(decoder);

        using var decoded = decoder.Decode(jpegs[0]);
        var rows = Math.Min(512, decoded.Height);
        var cols = Math.Min(512, decoded.Width);
        var luma = new float[rows * cols];
        var scratch = new float[rows * cols];
        var source = new float[rows * cols];
        for (var i = 0; i < source.Length; i++)
        {
            source[i] = (i * 7919 % 256) + 0.5f;
        }

        var stages = new (string Name, Action<byte[]> Body)[]
        {
            ("Image.Load<Rgba32> (bare decode, 1 thread)", jpeg => Image.Load<Rgba32>(bare, jpeg).Dispose()),
            ("SafeImageDecoder.Decode (checks + decode + orient)", jpeg => decoder.Decode(jpeg).Dispose()),
            ("SHA-256 of the bytes", jpeg => SHA256.HashData(jpeg)),
            ("PdqHasher.Compute (512² sample + luma + blur + DCT)", _ => PdqHasher.Compute(decoded.Pixels, false, default)),
            ("PdqHasher.Compute with dihedral", _ => PdqHasher.Compute(decoded.Pixels, true, default)),
            ("  of which Jarosz blur 512² (2 passes)", _ =>
            {
                source.CopyTo(luma, 0);
                JaroszFilter.Filter(luma, scratch, rows, cols, JaroszFilter.WindowSize(cols, 64), JaroszFilter.WindowSize(rows, 64), 2, default);
            }),
            ("  of which blur + decimate + quality + DCT", _ =>
            {
                source.CopyTo(luma, 0);
                Span<float> dct = stackalloc float[256];
                PdqHasher.Dct16FromLuma(luma, scratch, rows, cols, dct, default);
            }),
            ("ImageFingerprinter.Fingerprint (total)", jpeg => fingerprinter.Fingerprint(jpeg)),
            ("ImageFingerprinter.FingerprintWithDihedral (total)", jpeg => fingerprinter.FingerprintWithDihedral(jpeg)),
        };

        Console.WriteLine($"# fingerprint stages: {jpegs.Length} synthetic {SyntheticJpegs.Width}x{SyntheticJpegs.Height} JPEGs (q85, {jpegs.Average(j => j.Length) / 1024:F0} KiB avg), {rounds} rounds, median per image");
        Console.WriteLine();
        Console.WriteLine("| stage | median ms | p90 ms | images/s per core |");
        Console.WriteLine("|---|---:|---:|---:|");
        var medians = new Dictionary<string, double>();
        foreach (var (name, body) in stages)
        {
            // Warm-up until tiered JIT has settled (tier-0 loops are several times slower).
            for (var w = 0; w < 3; w++)
            {
                foreach (var jpeg in jpegs)
                {
                    body(jpeg);
                }
            }

            var times = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                foreach (var jpeg in jpegs)
                {
                    var start = Stopwatch.GetTimestamp();
                    body(jpeg);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }

            times.Sort();
            var median = times[times.Count / 2];
            medians[name] = median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {median:F2} | {times[(int)(times.Count * 0.9)]:F2} | {1000 / median:F0} |"));
        }

        // Whatever Fingerprint does beyond decode + SHA + PDQ (e.g. signals added by other features).
        var rest = medians[stages[7].Name] - medians[stages[1].Name] - medians[stages[2].Name] - medians[stages[3].Name];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Fingerprint − (decode + SHA + PDQ): everything else | {rest:F2} | | |"));
    }
}
