using System.Text;
using Vfip.Fingerprinting;

namespace Vfip.QualityBench;

/// <summary>
/// Writes per-transform signal distances of every (query, original) pair that is close on any
/// signal, for tuning the decision rule offline. label: 1 true design, 0 other.
/// </summary>
internal static class PairDump
{
    public static void Write(string path, List<Item> items, QueryFingerprint?[] results, List<int> originals, Dictionary<string, long> keyOfDesign)
    {
        using var writer = new StreamWriter(path, false, Encoding.UTF8);
        writer.WriteLine("query\trole\tedit\tkey\tlabel\tqq\tqcq\trq\trcq\tqlow\trlow\tqar\trar\t" + string.Join('\t', Enumerable.Range(0, 8).Select(t => $"p{t}\tc{t}\tf{t}\ts{t}")) + "\t" + string.Join('\t', Enumerable.Range(0, 8).Select(t => $"k{t}\tr{t}")));
        var lines = new string?[items.Count][];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, qi =>
        {
            var item = items[qi];
            if (results[qi] is not { } query)
            {
                return;
            }

            var truth = keyOfDesign.GetValueOrDefault(item.Design, -1);
            var list = new List<string?>();
            var q = query.Query;
            foreach (var ri in originals)
            {
                if (ri == qi)
                {
                    continue; // originals are dumped against the others, to find siblings
                }

                var r = results[ri]!.Fingerprint.Signals;
                var p = new int[8];
                var c = new int[8];
                var f = new int[8];
                var s = new int[8];
                var kk = new int[8];
                var rr = new int[8];
                var close = false;
                for (var t = DihedralTransform.Original; t <= DihedralTransform.Transverse; t++)
                {
                    var k = (int)t;
                    p[k] = q.Pdq[t].DistanceTo(r.Pdq);
                    f[k] = q.Content[t].DistanceTo(r.Content);
                    c[k] = Math.Min(
                        Math.Min(Math.Min(f[k], q.Content[t].DistanceTo(r.Inner)), Math.Min(q.Inner[t].DistanceTo(r.Content), q.Inner[t].DistanceTo(r.Inner))),
                        Math.Min(Math.Min(q.AlignedContent[t].DistanceTo(r.AlignedContent), q.Canvas[t].DistanceTo(r.CanvasInner)),
                            q.PanelContent is { } pc ? pc[t].DistanceTo(r.AlignedContent) : 256));
                    kk[k] = q.CoreContent is { } cc ? cc[t].DistanceTo(r.Content) : 256;
                    rr[k] = q.TurnedContent.Count == 0 ? 256 : q.TurnedContent.Min(h => h[t].DistanceTo(r.Content));
                    s[k] = Math.Min(Math.Min(q.Shape[t].DistanceTo(r.Shape), q.AlignedShape[t].DistanceTo(r.AlignedShape)),
                        q.PanelShape is { } ps ? ps[t].DistanceTo(r.AlignedShape) : 256);
                    close |= p[k] <= 50 || Math.Min(c[k], Math.Min(kk[k], rr[k])) <= 80 || s[k] <= 60;
                }

                if (!close && ri != truth)
                {
                    continue;
                }

                var sb = new StringBuilder();
                sb.Append($"{qi}\t{item.Role}\t{item.Edit}\t{ri}\t{(ri == truth ? 1 : 0)}\t{q.Signals.Quality}\t{q.Signals.ContentQuality}\t{r.Quality}\t{r.ContentQuality}\t{(q.Signals.IsLowQuality ? 1 : 0)}\t{(r.IsLowQuality ? 1 : 0)}\t{q.Signals.ContentAspect:F3}\t{r.ContentAspect:F3}");
                for (var k = 0; k < 8; k++)
                {
                    sb.Append($"\t{p[k]}\t{c[k]}\t{f[k]}\t{s[k]}");
                }

                for (var k = 0; k < 8; k++)
                {
                    sb.Append($"\t{kk[k]}\t{rr[k]}");
                }

                list.Add(sb.ToString());
            }

            lines[qi] = [.. list];
        });
        foreach (var group in lines)
        {
            foreach (var line in group ?? [])
            {
                writer.WriteLine(line);
            }
        }
    }
}
