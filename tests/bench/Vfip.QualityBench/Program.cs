using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Vfip.Fingerprinting;
using Vfip.QualityBench;

// Identification quality benchmark: see docs/benchmarks.md "Identification quality".
// Usage: dotnet run -c Release --project tests/bench/Vfip.QualityBench -- --data DIR [--build] [--seed N] [--threads N] [--pairs] [--no-cost | --cost-only]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string? data = null;
var build = false;
var dumpPairs = false;
var seed = 0; // 0: the set the matcher was tuned on; any other: a held-out set (DatasetBuilder)
var threads = Math.Max(1, Environment.ProcessorCount);
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--data": data = args[++i]; break;
        case "--build": build = true; break;
        case "--pairs": dumpPairs = true; break;
        case "--no-cost": break;
        case "--cost-only": break;
        case "--seed": seed = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}

if (data is null)
{
    Console.Error.WriteLine("usage: Vfip.QualityBench --data DIR [--build] [--seed N] [--threads N] [--pairs]");
    return 2;
}

var total = Stopwatch.StartNew();
var manifestPath = Path.Combine(data, "manifest.tsv");
if (build || !File.Exists(manifestPath))
{
    Console.Error.WriteLine($"building the labelled set in {data} ...");
    new DatasetBuilder(data, threads, seed).Build();
}

var costProbe = args.Contains("--no-cost") ? null : CostProbe.Run(Path.Combine(data, "garments", "g0001.png"));
if (args.Contains("--cost-only"))
{
    Console.WriteLine(costProbe);
    return 0;
}

var items = File.ReadAllLines(manifestPath)
    .Select(line => line.Split('\t'))
    .Select(f => new Item(f[0], f[1], f[2], Path.Combine(data, f[3])))
    .Where(i => File.Exists(i.Path))
    .ToList();

// Fingerprint everything once, both cores; time each image on its own thread.
var fingerprinter = new ImageFingerprinter();
var results = new QueryFingerprint?[items.Count];
long ticks = 0, pixels = 0;
var rejected = 0;
var fpWatch = Stopwatch.StartNew();
Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
{
    var bytes = File.ReadAllBytes(items[i].Path);
    var start = Stopwatch.GetTimestamp();
    try
    {
        results[i] = fingerprinter.FingerprintForQuery(bytes);
        Interlocked.Add(ref ticks, Stopwatch.GetTimestamp() - start);
        Interlocked.Add(ref pixels, (long)results[i]!.Fingerprint.Width * results[i]!.Fingerprint.Height);
    }
    catch (ImageRejectedException)
    {
        Interlocked.Increment(ref rejected);
    }
});
var fingerprinted = results.Count(r => r is not null);
Console.WriteLine($"fingerprinted {fingerprinted} images ({rejected} rejected) in {fpWatch.Elapsed.TotalSeconds:F1} s wall on {threads} threads; "
    + $"{ticks * 1000.0 / Stopwatch.Frequency / fingerprinted:F2} ms/image per thread, mean {pixels / (double)fingerprinted / 1e6:F2} MP");

var originals = Enumerable.Range(0, items.Count).Where(i => items[i].Role == "original" && results[i] is not null).ToList();
var keyOfDesign = new Dictionary<string, long>();
var matcher = new GarmentMatcher();
foreach (var i in originals)
{
    keyOfDesign[items[i].Design] = i;
    matcher.Add(i, results[i]!.Fingerprint.Signals);
}

var lowQualityOriginals = originals.Count(i => results[i]!.Fingerprint.Signals.IsLowQuality);
Console.WriteLine($"registered {originals.Count} originals ({lowQualityOriginals} low quality, never matched); "
    + $"{items.Count(i => i.Role == "distractor")} distractors; {items.Count(i => i.Role == "edit")} edited copies");

// Held-out stamps that are another render of a registered stamp (name.svg.png beside name.png)
// or a near-identical file under another name (whole-image PDQ ≤ 10) are the same design, not
// distractors; they are left out of the false-match rate and counted here.
static string Stem(string path)
{
    var name = Path.GetFileNameWithoutExtension(path);
    return name.EndsWith(".svg", StringComparison.Ordinal) ? name[..^4] : name;
}

var registeredStems = originals.Select(i => Stem(items[i].Path)).ToHashSet();
var duplicates = Enumerable.Range(0, items.Count)
    .Where(i => items[i].Role == "distractor" && results[i] is not null
        && (registeredStems.Contains(Stem(items[i].Path))
            || originals.Any(o => results[o]!.Fingerprint.Pdq.DistanceTo(results[i]!.Fingerprint.Pdq) <= 10)))
    .ToHashSet();
Console.WriteLine($"{duplicates.Count} held-out images are other renders or exact duplicates of registered ones: not counted as distractors");

var systems = new ISystem[] { new Baseline(originals, results), new Shipped(matcher) };
var report = new StringBuilder();
foreach (var system in systems)
{
    // Siblings: originals that the same matcher cannot tell apart (cluster by matching originals against each other).
    var parent = originals.ToDictionary(k => (long)k, k => (long)k);
    long Find(long x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
    foreach (var i in originals)
    {
        foreach (var key in system.Match(results[i]!.Query))
        {
            parent[Find(i)] = Find(key);
        }
    }

    var clusterSizes = originals.GroupBy(i => Find(i)).Where(g => g.Count() > 1).ToList();
    var rows = new List<(string Edit, int N, int Recall, int Top1, int Wrong)>();
    var queryWatch = Stopwatch.StartNew();
    var queries = Enumerable.Range(0, items.Count).Where(i => items[i].Role == "edit").ToList();
    var outcome = new (bool Recall, bool Top1, bool Wrong, bool Done)[items.Count];
    Parallel.ForEach(queries, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
    {
        if (results[i] is null || !keyOfDesign.TryGetValue(items[i].Design, out var truth))
        {
            outcome[i] = (false, false, false, true);
            return;
        }

        var matches = system.Match(results[i]!.Query);
        var root = Find(truth);
        bool Ok(long key) => key == truth || Find(key) == root;
        outcome[i] = (matches.Any(Ok), matches.Count > 0 && Ok(matches[0]), matches.Any(k => !Ok(k)), true);
    });
    foreach (var edit in DatasetBuilder.Edits)
    {
        var set = queries.Where(i => items[i].Edit == edit).ToList();
        rows.Add((edit, set.Count, set.Count(i => outcome[i].Recall), set.Count(i => outcome[i].Top1), set.Count(i => outcome[i].Wrong)));
    }

    var distractors = Enumerable.Range(0, items.Count)
        .Where(i => items[i].Role == "distractor" && results[i] is not null && !duplicates.Contains(i)).ToList();
    var falseMatched = distractors.Where(i => system.Match(results[i]!.Query).Count > 0).ToList();
    var falseMatches = falseMatched.Count;
    var queryMs = queryWatch.Elapsed.TotalMilliseconds / (queries.Count + distractors.Count);

    report.AppendLine();
    report.AppendLine($"## {system.Name}");
    report.AppendLine();
    report.AppendLine($"sibling clusters among originals: {clusterSizes.Count} ({clusterSizes.Sum(g => g.Count())} originals)");
    report.AppendLine();
    report.AppendLine("| edit | queries | recall | top-1 | wrong matches |");
    report.AppendLine("|---|---:|---:|---:|---:|");
    string Row(string label, int n, int recall, int top1, int wrong) =>
        $"| {label} | {n} | {recall / (double)n:F3} | {top1 / (double)n:F3} | {wrong} ({100.0 * wrong / n:F2}%) |";
    foreach (var r in rows)
    {
        report.AppendLine(Row(r.Edit, r.N, r.Recall, r.Top1, r.Wrong));
    }

    int n = rows.Sum(r => r.N), recall = rows.Sum(r => r.Recall), top1 = rows.Sum(r => r.Top1), wrong = rows.Sum(r => r.Wrong);
    report.AppendLine($"| **overall** | {n} | **{recall / (double)n:F3}** | **{top1 / (double)n:F3}** | **{wrong} ({100.0 * wrong / n:F2}%)** |");
    foreach (var (label, generated) in new[] { ("of which generated garments", true), ("of which stamps or clip art", false) })
    {
        var set = queries.Where(i => Source(items[i].Path) == "generated garments" == generated).ToList();
        report.AppendLine(Row(label, set.Count, set.Count(i => outcome[i].Recall), set.Count(i => outcome[i].Top1), set.Count(i => outcome[i].Wrong)));
    }

    report.AppendLine($"| distractors (false-match rate) | {distractors.Count} | | | {falseMatches} ({100.0 * falseMatches / distractors.Count:F2}%) |");
    report.AppendLine();
    report.AppendLine("false matches by kind of distractor: " + string.Join(", ", distractors.GroupBy(i => Source(items[i].Path))
        .Select(g => $"{g.Key} {falseMatched.Count(i => Source(items[i].Path) == g.Key)}/{g.Count()}")));
    report.AppendLine($"worst edit recall: {rows.Min(r => r.Recall / (double)r.N):F3}; mean match time {queryMs:F3} ms/query");
}

Console.WriteLine(report);
if (costProbe is not null)
{
    Console.WriteLine("Fingerprint cost, one thread:");
    Console.WriteLine(costProbe);
}

if (dumpPairs)
{
    PairDump.Write(Path.Combine(data, "pairs.tsv"), items, results, originals, keyOfDesign);
}

Console.WriteLine($"total {total.Elapsed.TotalSeconds:F0} s");
return 0;

// Where an image comes from: a generated garment (g0000.png), a generated shape, plasma or text
// image (d0000.png), or a stamp or clip art file (edited copies are named after their original).
static string Source(string path) => Regex.Match(Path.GetFileName(path), @"^([gd])\d{4}\.(png|jpg)$") switch
{
    { Success: true } m when m.Groups[1].Value == "g" => "generated garments",
    { Success: true } => "generated shapes",
    _ => "stamps or clip art",
};

internal sealed record Item(string Role, string Edit, string Design, string Path);
