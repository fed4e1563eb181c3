using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Vfip.Fingerprinting;

namespace Vfip.Cli.Tests;

public sealed class FingerprintCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vfip-cli-").FullName;

    [Fact]
    public async Task Fingerprint_PrintsPdqHexQualityAndFile_AsPdqToolsDo()
    {
        var file = WriteGradientPng("gradient.png");
        var expected = new ImageFingerprinter().Fingerprint(await File.ReadAllBytesAsync(file));
        var (code, stdout, _) = await RunAsync("fingerprint", file);

        Assert.Equal(0, code);
        Assert.Equal($"{expected.Pdq.ToHex()},{expected.Quality},{file}", stdout.Trim());
        Assert.Matches("^[0-9a-f]{64},[0-9]{1,3},", stdout);
    }

    [Fact]
    public async Task Fingerprint_Json_PrintsEverySignalPerLine()
    {
        var file = WriteGradientPng("gradient.png");

        var (code, stdout, _) = await RunAsync("fingerprint", "--json", file);

        Assert.Equal(0, code);
        using var line = System.Text.Json.JsonDocument.Parse(stdout.Trim());
        Assert.Equal(64, line.RootElement.GetProperty("pdq").GetString()!.Length);
        Assert.Equal(64, line.RootElement.GetProperty("sha256").GetString()!.Length);
        Assert.Equal("image/png", line.RootElement.GetProperty("mediaType").GetString());
        var signals = line.RootElement.GetProperty("signals");
        foreach (var hash in new[] { "content", "inner", "shape", "alignedContent", "alignedShape", "canvasInner" })
        {
            Assert.Matches("^[0-9a-f]{64}$", signals.GetProperty(hash).GetString());
        }

        Assert.InRange(signals.GetProperty("contentQuality").GetInt32(), 0, 100);
    }

    [Fact]
    public async Task Fingerprint_NotAnImage_ReportsTheFileAndExits1ButPrintsTheOthers()
    {
        var good = WriteGradientPng("good.png");
        var bad = Path.Combine(_folder, "bad.png");
        await File.WriteAllTextAsync(bad, "not an image");

        var (code, stdout, stderr) = await RunAsync("fingerprint", bad, good);

        Assert.Equal(1, code);
        Assert.Contains("unsupported_image_format", stderr);
        Assert.EndsWith($",{good}", stdout.Trim());
    }

    [Theory]
    [InlineData]
    [InlineData("fingerprint")]
    [InlineData("identify", "x.png")]
    [InlineData("load-verify", "--api", "http://127.0.0.1:1")]
    [InlineData("load-verify", "--api", "http://127.0.0.1:1", "--design", "d", "--holder", "h", "--seconds", "600")]
    [InlineData("frobnicate")]
    public async Task BadUsage_PrintsUsageAndExits2(params string[] args)
    {
        var (code, _, stderr) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("usage:", stderr);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await VfipCommand.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string WriteGradientPng(string name)
    {
        using var image = new Image<Rgba32>(160, 120);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = new Rgba32((byte)(x * 255 / 160), (byte)(y * 255 / 120), (byte)((x * y) % 256));
            }
        }

        var path = Path.Combine(_folder, name);
        image.SaveAsPng(path);
        return path;
    }
}
