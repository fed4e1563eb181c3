using System.Text.Json;
using Vfip.Fingerprinting;

namespace Vfip.Cli;

/// <summary>
/// <c>vfip fingerprint FILE...</c>: the whole-image PDQ hash as PDQ's own tools print it
/// (<c>PDQHEX,QUALITY,FILE</c>), so results can be compared with other PDQ implementations;
/// <c>--json</c> prints every signal VFIP computes, one JSON object per line.
/// </summary>
internal static class FingerprintCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var json = args.Contains("--json");
        var files = args.Where(a => a != "--json").ToList();
        if (files.Count == 0 || files.Any(f => f.StartsWith("--", StringComparison.Ordinal)))
        {
            stderr.WriteLine(VfipCommand.Usage);
            return 2;
        }

        var fingerprinter = new ImageFingerprinter();
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                var print = fingerprinter.Fingerprint(File.ReadAllBytes(file), cancellationToken);
                stdout.WriteLine(json ? JsonSerializer.Serialize(Describe(file, print), Json) : $"{print.Pdq.ToHex()},{print.Quality},{file}");
            }
            catch (Exception exception) when (exception is ImageRejectedException or IOException or UnauthorizedAccessException)
            {
                failed++;
                var reason = exception is ImageRejectedException rejected ? $"{rejected.Code}: {rejected.Message}" : exception.Message;
                stderr.WriteLine($"{file}: {reason}");
            }
        }

        return failed == 0 ? 0 : 1;
    }

    private static object Describe(string file, ImageFingerprint print) => new
    {
        file,
        sha256 = Convert.ToHexStringLower(print.Sha256),
        pdq = print.Pdq.ToHex(),
        quality = print.Quality,
        width = print.Width,
        height = print.Height,
        mediaType = print.MediaType,
        lowQuality = print.Signals.IsLowQuality,
        // Everything the similarity index stores for this image (see docs/fingerprinting.md).
        signals = new
        {
            formatVersion = GarmentSignals.FormatVersion,
            content = print.Signals.Content.ToHex(),
            inner = print.Signals.Inner.ToHex(),
            shape = print.Signals.Shape.ToHex(),
            alignedContent = print.Signals.AlignedContent.ToHex(),
            alignedShape = print.Signals.AlignedShape.ToHex(),
            canvasInner = print.Signals.CanvasInner.ToHex(),
            contentQuality = print.Signals.ContentQuality,
            contentAspect = print.Signals.ContentAspect,
        },
    };
}
