using BenchmarkDotNet.Attributes;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using Vfip.Fingerprinting;

namespace Vfip.Benchmarks;

/// <summary>
/// Fingerprinting a 1.4 MP JPEG (validation + decode + SHA-256 + PDQ) versus ImageSharp's bare
/// decode of the same bytes, both on one core. Times are per image.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class FingerprintBenchmarks
{
    private const int Images = 8;

    private byte[][] _jpegs = null!;
    private ImageFingerprinter _fingerprinter = null!;
    private Configuration _bare = null!;

    [GlobalSetup]
    public void Setup()
    {
        _jpegs = SyntheticJpegs.Create(Images);
        _fingerprinter = new ImageFingerprinter();

        // Same single-threaded decode the fingerprinter uses, so the ratio compares like with like.
        _bare = new Configuration(new JpegConfigurationModule()) { MaxDegreeOfParallelism = 1 };
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Images, Description = "Image.Load<Rgba32> (bare decode)")]
    public int BareDecode()
    {
        var sum = 0;
        foreach (var jpeg in _jpegs)
        {
            using var image = Image.Load<Rgba32>(_bare, jpeg);
            sum += image.Width;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Images, Description = "ImageFingerprinter.Fingerprint")]
    public int Fingerprint()
    {
        var sum = 0;
        foreach (var jpeg in _jpegs)
        {
            sum += _fingerprinter.Fingerprint(jpeg).Quality;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Images, Description = "ImageFingerprinter.FingerprintWithDihedral")]
    public int FingerprintWithDihedral()
    {
        var sum = 0;
        foreach (var jpeg in _jpegs)
        {
            sum += _fingerprinter.FingerprintWithDihedral(jpeg).Fingerprint.Quality;
        }

        return sum;
    }
}
