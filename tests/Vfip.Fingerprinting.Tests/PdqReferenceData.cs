namespace Vfip.Fingerprinting.Tests;

/// <summary>
/// Locates the PDQ reference vectors kept in the repository (<c>&lt;repo&gt;/tests/data/pdq-reference</c>, found
/// from the folder holding <c>Vfip.sln</c>). A missing folder fails the test: conformance must never pass vacuously.
/// </summary>
internal static class PdqReferenceData
{
    public static string Directory { get; } = Locate();

    public static IReadOnlyList<(string File, PdqHash Pdq, int Quality)> Expected() =>
        ReadCsv("expected.csv", "file,pdq,quality")
            .Select(c => (c[0], PdqHash.Parse(c[1]), int.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    public static IReadOnlyDictionary<string, PdqHash> DihedralOfBridge() =>
        ReadCsv("dihedral-bridge-1-original.csv", "transform,pdq").ToDictionary(c => c[0], c => PdqHash.Parse(c[1]));

    public static byte[] Read(string relativePath) => File.ReadAllBytes(Path.Combine(Directory, relativePath));

    private static IEnumerable<string[]> ReadCsv(string name, string header)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, name)).Where(l => l.Length > 0).ToList();
        Assert.True(lines.Count > 1 && lines[0] == header, $"{name} must start with '{header}' and list at least one row.");
        return lines.Skip(1).Select(l => l.Split(','));
    }

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Vfip.sln")))
            {
                continue;
            }

            var candidate = Path.Combine(dir.FullName, "tests", "data", "pdq-reference");
            Assert.True(
                File.Exists(Path.Combine(candidate, "expected.csv")),
                $"PDQ reference vectors not found at '{candidate}' (expected <repo>/tests/data/pdq-reference/expected.csv).");
            return candidate;
        }

        Assert.Fail(
            $"Could not find the repository root (Vfip.sln) above '{AppContext.BaseDirectory}', so the PDQ reference vectors "
            + "in tests/data/pdq-reference cannot be located.");
        return string.Empty;
    }
}
