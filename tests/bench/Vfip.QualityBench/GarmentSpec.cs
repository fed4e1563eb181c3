using System.Globalization;

namespace Vfip.QualityBench;

/// <summary>Colours for generated images.</summary>
internal static class Palette
{
    private static readonly string[] Colours =
    [
        "#1d3557", "#e63946", "#f1c453", "#2a9d8f", "#264653", "#e76f51", "#8d99ae", "#6a4c93", "#ff99c8", "#3a86ff",
        "#ffbe0b", "#fb5607", "#8338ec", "#06d6a0", "#118ab2", "#073b4c", "#9b2226", "#bb3e03", "#588157", "#3d405b",
        "#f2cc8f", "#81b29a", "#e07a5f", "#22223b", "#c9ada7", "#4a4e69", "#9a8c98", "#2b2d42", "#d90429", "#edf2f4",
    ];

    private static readonly string[] Lights = ["#ffffff", "#f5f5f5", "#fdf6e3", "#eef4f8", "#f7efe5", "#e8e8e8", "#fffbea"];

    public static string Pick(Random rng, bool light = false) => light ? Lights[rng.Next(Lights.Length)] : Colours[rng.Next(Colours.Length)];
}

/// <summary>
/// A flat garment render at 1024 px drawn with ImageMagick primitives: a cut (t-shirt, jacket,
/// dress, trousers, skirt, hoodie) with random proportions, a fill (solid, gradient, plasma,
/// pattern, stripes), an outline, details and a print; on transparency or a plain background.
/// </summary>
internal sealed class GarmentSpec
{
    private const int Size = 1024;
    private readonly List<string> _fill = [];
    private readonly List<string> _details = [];
    private string _outline = "";

    private GarmentSpec(int seed) => Seed = seed;

    public int Seed { get; }

    /// <summary>Plain background colour, or null for transparent.</summary>
    public string? Background { get; private set; }

    /// <summary>The garment at <paramref name="index"/>; <paramref name="seed"/> 0 is the tuning set's (see <see cref="DatasetBuilder"/>).</summary>
    public static GarmentSpec Create(int index, int seed = 0)
    {
        var rng = new Random(seed == 0 ? 7919 * (index + 1) : DatasetBuilder.StableHash($"{seed}:garment:{index}"));
        var spec = new GarmentSpec(seed == 0 ? index : rng.Next(1_000_000));
        var points = Cut(rng, rng.Next(6));
        spec._outline = "polygon " + string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X},{p.Y}")));
        spec.Background = rng.Next(2) == 0 ? null : Palette.Pick(rng, light: rng.Next(3) > 0);
        var c1 = Palette.Pick(rng);
        var c2 = Palette.Pick(rng);
        spec._fill.AddRange(rng.Next(5) switch
        {
            0 => ["-size", $"{Size}x{Size}", $"xc:{c1}"],
            1 => ["-size", $"{Size}x{Size}", "-define", $"gradient:angle={rng.Next(0, 180)}", $"gradient:{c1}-{c2}"],
            2 => ["(", "-size", "96x96", "-seed", $"{spec.Seed + 1}", $"plasma:{c1}-{c2}", "-resize", $"{Size}x{Size}!", ")"],
            3 => ["(", "-size", "128x128", $"pattern:{Patterns[rng.Next(Patterns.Length)]}", "-scale", $"{rng.Next(4, 12) * 100}%",
                "+level-colors", $"{c1},{c2}", "-crop", $"{Size}x{Size}+0+0", "+repage", ")"],
            _ => Stripes(rng, c1, c2),
        });

        // Details: a pocket or buttons, and a print on the chest.
        var dark = Palette.Pick(rng);
        if (rng.Next(2) == 0)
        {
            int px = rng.Next(380, 560), py = rng.Next(420, 640);
            spec._details.AddRange(["-fill", Palette.Pick(rng), "-stroke", dark, "-strokewidth", "4", "-draw",
                $"rectangle {px},{py} {px + rng.Next(60, 140)},{py + rng.Next(60, 140)}"]);
        }
        else
        {
            for (var b = 0; b < rng.Next(3, 7); b++)
            {
                var y = 330 + (b * rng.Next(60, 90));
                spec._details.AddRange(["-fill", dark, "-stroke", "none", "-draw", $"circle 512,{y} {512 + rng.Next(8, 16)},{y}"]);
            }
        }

        var printX = rng.Next(380, 560);
        var printY = rng.Next(320, 480);
        spec._details.AddRange(rng.Next(3) switch
        {
            0 => ["-fill", Palette.Pick(rng), "-stroke", dark, "-strokewidth", "3", "-draw", Star(rng, printX, printY, rng.Next(50, 110))],
            1 => ["-fill", Palette.Pick(rng), "-stroke", "none", "-draw", $"circle {printX},{printY} {printX + rng.Next(40, 100)},{printY}"],
            _ => ["-fill", Palette.Pick(rng), "-stroke", "none", "-pointsize", $"{rng.Next(50, 110)}", "-gravity", "northwest", "-annotate",
                $"+{printX - 150}+{printY - 40}", Words[rng.Next(Words.Length)]],
        });
        return spec;
    }

    public List<string> Args(string output, string? background)
    {
        List<string> a = [.. _fill];
        a.AddRange(["(", "-size", $"{Size}x{Size}", "xc:black", "-fill", "white", "-stroke", "white", "-strokewidth", "6", "-draw", _outline, ")"]);
        a.AddRange(["-alpha", "off", "-compose", "CopyOpacity", "-composite", "-compose", "Over"]);
        a.AddRange(["-fill", "none", "-stroke", "#1a1a1a", "-strokewidth", "6", "-draw", _outline]);
        a.AddRange(_details);
        if (background is not null)
        {
            a.AddRange(["-background", background, "-alpha", "remove", "-alpha", "off"]);
        }

        a.AddRange(["-depth", "8", output]);
        return a;
    }

    private static readonly string[] Patterns = ["checkerboard", "hexagons", "hs_fdiagonal", "crosshatch", "bricks", "circles", "hs_vertical", "fishscales", "octagons"];

    private static readonly string[] Words = ["VFIP", "NOVA", "wave", "LUX", "88", "ROAM", "kiko", "Atlas", "ZEN", "moss"];

    private static string[] Stripes(Random rng, string c1, string c2)
    {
        var list = new List<string> { "-size", $"{Size}x{Size}", $"xc:{c1}", "-fill", c2, "-stroke", "none" };
        var width = rng.Next(20, 90);
        var vertical = rng.Next(2) == 0;
        for (var p = rng.Next(0, width); p < Size; p += width * 2)
        {
            list.AddRange(["-draw", vertical ? $"rectangle {p},0 {p + width},{Size}" : $"rectangle 0,{p} {Size},{p + width}"]);
        }

        return [.. list];
    }

    private static string Star(Random rng, int cx, int cy, int r)
    {
        var spikes = rng.Next(4, 8);
        var pts = new List<string>();
        for (var k = 0; k < spikes * 2; k++)
        {
            var radius = k % 2 == 0 ? r : r * 0.45;
            var angle = (Math.PI * k / spikes) - (Math.PI / 2);
            pts.Add(string.Create(CultureInfo.InvariantCulture, $"{cx + (radius * Math.Cos(angle)):F0},{cy + (radius * Math.Sin(angle)):F0}"));
        }

        return "polygon " + string.Join(' ', pts);
    }

    /// <summary>Outline of one of six cuts, symmetric about x = 512, with random proportions.</summary>
    private static List<(int X, int Y)> Cut(Random rng, int kind)
    {
        const int cx = Size / 2;
        var half = new List<(int X, int Y)>(); // right half, top to bottom, mirrored below
        switch (kind)
        {
            case 0: // t-shirt
            case 1: // jacket (long sleeves)
            case 5: // hoodie
            {
                int top = rng.Next(120, 200), neck = rng.Next(55, 95), body = rng.Next(170, 250), hem = rng.Next(820, 940);
                var shoulderDrop = rng.Next(20, 50);
                var longSleeve = kind != 0;
                var sleeveLen = longSleeve ? rng.Next(480, 620) : rng.Next(150, 240);
                var sleeveOut = longSleeve ? rng.Next(90, 160) : rng.Next(110, 190);
                if (kind == 5)
                {
                    half.Add((cx, top - rng.Next(90, 130)));
                    half.Add((cx + neck + 30, top - rng.Next(60, 90)));
                }
                else
                {
                    half.Add((cx, top + rng.Next(40, 90)));
                }

                half.Add((cx + neck, top));
                half.Add((cx + body, top + shoulderDrop));
                half.Add((cx + body + sleeveOut, top + shoulderDrop + sleeveLen));
                half.Add((cx + body + sleeveOut - rng.Next(70, 110), top + shoulderDrop + sleeveLen + rng.Next(25, 50)));
                half.Add((cx + body - 4, top + shoulderDrop + rng.Next(180, 260)));
                half.Add((cx + body + rng.Next(-30, 40), hem));
                half.Add((cx, hem + rng.Next(-10, 20)));
                break;
            }

            case 2: // dress
            {
                int top = rng.Next(100, 170), strap = rng.Next(70, 120), bust = rng.Next(120, 170), waist = rng.Next(90, 130);
                int waistY = rng.Next(380, 460), hem = rng.Next(880, 980), flare = rng.Next(260, 420);
                half.Add((cx, top + rng.Next(60, 120)));
                half.Add((cx + strap, top));
                half.Add((cx + bust, top + rng.Next(120, 170)));
                half.Add((cx + waist, waistY));
                half.Add((cx + flare, hem));
                half.Add((cx, hem + rng.Next(0, 25)));
                break;
            }

            case 3: // trousers
            {
                int top = rng.Next(80, 140), waist = rng.Next(150, 210), hip = waist + rng.Next(20, 60), hem = rng.Next(900, 990);
                var legOut = hip + rng.Next(-30, 60);
                var legIn = rng.Next(25, 70);
                half.Add((cx, top));
                half.Add((cx + waist, top));
                half.Add((cx + hip, top + rng.Next(220, 300)));
                half.Add((cx + legOut, hem));
                half.Add((cx + legIn, hem));
                half.Add((cx + 8, top + rng.Next(300, 380)));
                break;
            }

            default: // skirt
            {
                int top = rng.Next(180, 300), waist = rng.Next(140, 200), hem = rng.Next(760, 920), flare = rng.Next(240, 400);
                half.Add((cx, top));
                half.Add((cx + waist, top));
                half.Add((cx + flare, hem));
                half.Add((cx, hem + rng.Next(-20, 30)));
                break;
            }
        }

        var points = new List<(int X, int Y)>(half);
        for (var k = half.Count - 1; k >= 0; k--)
        {
            if (half[k].X != cx)
            {
                points.Add(((2 * cx) - half[k].X, half[k].Y));
            }
        }

        return points;
    }
}
