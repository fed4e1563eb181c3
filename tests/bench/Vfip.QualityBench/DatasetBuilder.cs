using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vfip.QualityBench;

/// <summary>
/// Builds the labelled set under DIR with ImageMagick (never in the repository): registered
/// originals (tuxpaint stamps from make-devset.sh plus generated garment renders), distractors
/// that are never registered, and fifteen edits of a fixed sample of the originals.
/// manifest.tsv lists every file as: role, edit, design, relative path.
/// Seed 0 builds the set the matcher was tuned on; any other seed changes every random choice
/// (which stamps are held out and edited, the generated garments and distractors, the bgswap
/// colours) but keeps the fifteen edits and their strengths, for a held-out check. With the
/// stamps use seed 1, 3, 5, 7 or 9: the lowest bit of FNV-1a is the parity of the key's bytes'
/// lowest bits, so the prefix "N:" either flips every stamp's edited-or-not bit (those seeds; no
/// stamp edited in the tuning set is edited again) or keeps it (2, 4, 11...: mostly the same
/// edited stamps as the tuning set).
/// </summary>
internal sealed class DatasetBuilder(string root, int threads, int seed = 0)
{
    /// <summary>
    /// The script that gathers the stamps, kept beside this project and copied to the output folder by the csproj, so a
    /// clone builds the set with nothing from outside the repository.
    /// </summary>
    private static string DevsetScript => Path.Combine(AppContext.BaseDirectory, "make-devset.sh");
    private const string Convert = "/usr/bin/convert";
    private const int RegisteredGarments = 160;
    private const int DistractorGarments = 120;
    private const int DistractorShapes = 480;
    private const int DistractorTextured = 200;
    private const int DistractorText = 60;

    public static readonly string[] Edits =
    [
        "resize50", "jpeg30", "crop10", "pad25", "rotate90", "rotate5", "mirror", "bright20", "blur",
        "grayscale", "hueshift", "recolour", "bgswap", "watermark", "screenshot",
    ];

    private static readonly string[] BackgroundSwaps = ["#4a7bd0", "#2b2b2b", "#e9dcc0", "#f4b6c2", "#5f8f4e", "#c8c8c8"];

    public void Build()
    {
        var originals = Path.Combine(root, "originals");
        if (!Directory.Exists(originals) || Directory.GetFiles(originals).Length < 500)
        {
            Run("/bin/bash", [DevsetScript, root]);
        }

        Directory.CreateDirectory(Path.Combine(root, "garments"));
        Directory.CreateDirectory(Path.Combine(root, "distractors"));
        foreach (var edit in Edits)
        {
            Directory.CreateDirectory(Path.Combine(root, "edits", edit));
        }

        var manifest = new List<string>();
        var jobs = new List<Action>();

        // Stamps: every fifth (by a stable hash of the name) is held out as a distractor.
        var stamps = Directory.GetFiles(originals, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var editedStamps = new List<string>();
        foreach (var name in stamps)
        {
            var h = StableHash(Vary(name!));
            if (h % 5 == 0)
            {
                manifest.Add($"distractor\t-\t-\toriginals/{name}");
                continue;
            }

            manifest.Add($"original\t-\t{name}\toriginals/{name}");
            if (h % 2 == 1)
            {
                editedStamps.Add(name!);
            }
        }

        // Generated garments: registered ones are edited; distractor garments share the generator
        // (same cuts, other colours and prints), the hardest negatives in the set.
        for (var i = 0; i < RegisteredGarments + DistractorGarments; i++)
        {
            var spec = GarmentSpec.Create(i, seed);
            var registered = i < RegisteredGarments;
            var rel = registered ? $"garments/g{i:D4}.png" : $"distractors/g{i:D4}.png";
            manifest.Add(registered ? $"original\t-\tg{i:D4}.png\t{rel}" : $"distractor\t-\t-\t{rel}");
            var target = Path.Combine(root, rel);
            var swapped = Path.Combine(root, "edits", "bgswap", $"g{i:D4}.png");
            jobs.Add(() =>
            {
                Magick(spec.Args(target, spec.Background));
                if (registered && spec.Background is not null)
                {
                    // A garment rendered on a plain background gets its bgswap copy re-rendered on another.
                    Magick(spec.Args(swapped, BackgroundSwaps[spec.Seed % BackgroundSwaps.Length]));
                }
            });
        }

        for (var i = 0; i < DistractorShapes + DistractorTextured + DistractorText; i++)
        {
            var rel = $"distractors/d{i:D4}.png";
            manifest.Add($"distractor\t-\t-\t{rel}");
            var kind = i < DistractorShapes ? 0 : i < DistractorShapes + DistractorTextured ? 1 : 2;
            var index = i;
            jobs.Add(() => Magick(DistractorArgs(kind, index, Path.Combine(root, rel))));
        }

        RunParallel(jobs, "originals and distractors");

        // Edits.
        jobs.Clear();
        var edited = editedStamps.Select(n => (Design: n, Source: Path.Combine(originals, n), Garment: (GarmentSpec?)null))
            .Concat(Enumerable.Range(0, RegisteredGarments).Select(i =>
                (Design: $"g{i:D4}.png", Source: Path.Combine(root, "garments", $"g{i:D4}.png"), Garment: (GarmentSpec?)GarmentSpec.Create(i, seed))))
            .ToList();
        foreach (var (design, source, garment) in edited)
        {
            var stem = Path.GetFileNameWithoutExtension(design);
            var editSeed = StableHash(Vary(design));
            foreach (var edit in Edits)
            {
                var ext = edit is "jpeg30" or "screenshot" ? "jpg" : "png";
                var rel = $"edits/{edit}/{stem}.{ext}";
                manifest.Add($"edit\t{edit}\t{design}\t{rel}");
                var output = Path.Combine(root, rel);
                if (edit == "bgswap" && garment?.Background is not null)
                {
                    continue; // rendered with the garment above
                }

                jobs.Add(() => Magick(EditArgs(edit, source, output, editSeed)));
            }
        }

        RunParallel(jobs, "edits");
        File.WriteAllLines(Path.Combine(root, "manifest.tsv"), manifest);
    }

    private static List<string> EditArgs(string edit, string source, string output, int seed)
    {
        var flatten = new[] { "-background", "white", "-alpha", "remove", "-alpha", "off" };
        List<string> a = [source];
        switch (edit)
        {
            case "resize50": a.AddRange(["-resize", "50%"]); break;
            case "jpeg30": a.AddRange(flatten); a.AddRange(["-quality", "30"]); break;
            case "crop10": a.AddRange(["-gravity", "center", "-crop", "80%x80%+0+0", "+repage"]); break;
            case "pad25": a.AddRange(flatten); a.AddRange(["-bordercolor", "white", "-border", "25%"]); break;
            case "rotate90": a.AddRange(["-rotate", "90"]); break;
            case "rotate5": a.AddRange(["-background", "none", "-rotate", "5"]); break;
            case "mirror": a.Add("-flop"); break;
            case "bright20": a.AddRange(["-modulate", "120,100,100"]); break;
            case "blur": a.AddRange(["-blur", "0x3"]); break;
            case "grayscale": a.AddRange(["-colorspace", "Gray"]); break;
            case "hueshift": a.AddRange(["-modulate", "100,100,140"]); break;
            case "recolour": a.AddRange(["-color-matrix", "0 0 1 1 0 0 0 1 0", "-modulate", "100,130,100"]); break;
            case "bgswap": a.AddRange(["-background", BackgroundSwaps[seed % BackgroundSwaps.Length], "-alpha", "remove", "-alpha", "off"]); break;
            case "watermark":
                a.AddRange(flatten);
                a.AddRange(["-gravity", "center", "-fill", "rgba(20,20,20,0.35)", "-stroke", "rgba(255,255,255,0.35)", "-strokewidth", "1",
                    "-pointsize", $"{Math.Max(8, SixLabors.ImageSharp.Image.Identify(source).Width / 9)}", "-annotate", "+0+0", "© VFIP SAMPLE"]);
                break;
            case "screenshot":
                a.AddRange(flatten);
                a.AddRange(["-resize", "60%", "-bordercolor", "#f1f3f4", "-border", "24", "-background", "#202124", "-gravity", "north",
                    "-splice", "0x48", "-gravity", "south", "-splice", "0x32", "-quality", "70"]);
                break;
            default: throw new ArgumentException(edit);
        }

        a.Add(output);
        return a;
    }

    /// <summary>The key itself for seed 0 (the tuning set), else the key mixed with the seed.</summary>
    private string Vary(string key) => seed == 0 ? key : $"{seed}:{key}";

    /// <inheritdoc cref="Vary(string)"/>
    private int Vary(int key) => seed == 0 ? key : StableHash(Vary($"{key}"));

    private List<string> DistractorArgs(int kind, int index, string output)
    {
        var rng = new Random(Vary(100_000 + index));
        int w = rng.Next(256, 900), h = rng.Next(256, 900);
        List<string> a = kind switch
        {
            0 => ["-size", $"{w}x{h}", $"xc:{Palette.Pick(rng, light: true)}"],
            1 => ["(", "-size", "96x96", "-seed", $"{Vary(index)}", $"plasma:{Palette.Pick(rng)}-{Palette.Pick(rng)}", "-resize", $"{w}x{h}!", ")"],
            _ => ["-size", $"{w}x{h}", $"xc:{Palette.Pick(rng, light: true)}"],
        };
        var shapes = kind == 2 ? 0 : rng.Next(2, 9);
        for (var s = 0; s < shapes; s++)
        {
            a.AddRange(["-fill", Palette.Pick(rng), "-stroke", Palette.Pick(rng), "-strokewidth", $"{rng.Next(0, 8)}"]);
            int x = rng.Next(w), y = rng.Next(h), rx = rng.Next(10, w / 3), ry = rng.Next(10, h / 3);
            a.AddRange(["-draw", (rng.Next(4)) switch
            {
                0 => $"circle {x},{y} {x + rx},{y}",
                1 => $"rectangle {x},{y} {Math.Min(w - 1, x + rx)},{Math.Min(h - 1, y + ry)}",
                2 => $"ellipse {x},{y} {rx},{ry} 0,360",
                _ => string.Create(CultureInfo.InvariantCulture, $"polygon {x},{y} {rng.Next(w)},{rng.Next(h)} {rng.Next(w)},{rng.Next(h)} {rng.Next(w)},{rng.Next(h)}"),
            }]);
        }

        if (kind == 2)
        {
            var words = new[] { "SALE", "Summer Drop", "VFIP", "cotton 100%", "Limited", "New Season", "Street", "Atelier" };
            for (var line = 0; line < rng.Next(1, 4); line++)
            {
                a.AddRange(["-fill", Palette.Pick(rng), "-pointsize", $"{rng.Next(24, 90)}", "-annotate",
                    $"+{rng.Next(w / 3)}+{rng.Next(40, h)}", words[rng.Next(words.Length)]]);
            }
        }

        a.AddRange(["-depth", "8", output]);
        return a;
    }

    private void RunParallel(List<Action> jobs, string what)
    {
        var watch = Stopwatch.StartNew();
        var done = 0;
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = threads }, job =>
        {
            job();
            var n = Interlocked.Increment(ref done);
            if (n % 1000 == 0)
            {
                Console.Error.WriteLine($"  {what}: {n}/{jobs.Count} ({watch.Elapsed.TotalSeconds:F0} s)");
            }
        });
        Console.Error.WriteLine($"  {what}: {jobs.Count} images in {watch.Elapsed.TotalSeconds:F0} s");
    }

    internal static void Magick(List<string> args)
    {
        // Resumable: an interrupted build picks up where it stopped.
        if (new FileInfo(args[^1]) is { Exists: true, Length: > 0 })
        {
            return;
        }

        var psi = new ProcessStartInfo(Convert) { RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["MAGICK_THREAD_LIMIT"] = "1";
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"convert {string.Join(' ', args)} failed: {error}");
        }
    }

    private static void Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with {process.ExitCode}");
        }
    }

    /// <summary>FNV-1a: stable across runs and machines, unlike string.GetHashCode.</summary>
    internal static int StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            h = (h ^ b) * 16777619u;
        }

        return (int)(h & 0x7fffffff);
    }
}
