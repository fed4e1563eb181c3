using System.Globalization;
using Xunit.Abstractions;

namespace Vfip.Fingerprinting.Tests;

public sealed class PdqConformanceTests(ITestOutputHelper output)
{
    // PDQ's rule for other implementations: within Hamming distance 10 of the reference for
    // images of quality 80 or more (decoders and float rounding differ slightly).
    private const int ConformanceDistance = 10;

    private static readonly ImageFingerprinter Fingerprinter = new();

    [Fact]
    public void Pdq_MatchesReferenceWithinDistance10_ForQuality80AndAbove()
    {
        var expected = PdqReferenceData.Expected();
        var distances = new List<int>();
        var failures = new List<string>();
        foreach (var (file, referenceHash, referenceQuality) in expected)
        {
            var ours = Fingerprinter.Fingerprint(PdqReferenceData.Read(file));
            var distance = ours.Pdq.DistanceTo(referenceHash);
            output.WriteLine(
                $"{file,-45} distance {distance,3}  quality ours {ours.Quality,3} ref {referenceQuality,3}  {ours.Pdq.ToHex()}");
            if (referenceQuality < 80)
            {
                continue;
            }

            distances.Add(distance);
            if (distance > ConformanceDistance)
            {
                failures.Add($"{file}: distance {distance}");
            }
        }

        Assert.NotEmpty(distances);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"quality>=80: {distances.Count} images, max distance {distances.Max()}, mean distance {distances.Average():F2}"));
        Assert.True(failures.Count == 0, "Beyond distance 10 of the PDQ reference: " + string.Join("; ", failures));
    }

    [Fact]
    public void Quality_IsCloseToReferenceQuality_ForEveryReferenceImage()
    {
        foreach (var (file, _, referenceQuality) in PdqReferenceData.Expected())
        {
            var ours = Fingerprinter.Fingerprint(PdqReferenceData.Read(file));
            Assert.True(
                Math.Abs(ours.Quality - referenceQuality) <= 5,
                $"{file}: quality {ours.Quality}, reference {referenceQuality}");
            Assert.Equal(referenceQuality >= ImageFingerprint.MinimumMatchableQuality, ours.Quality >= ImageFingerprint.MinimumMatchableQuality);
        }
    }

    [Fact]
    public void Dihedral_MatchesReferenceDihedralHashesOfBridge_WithinDistance10()
    {
        var reference = PdqReferenceData.DihedralOfBridge();
        var ours = Fingerprinter.FingerprintWithDihedral(PdqReferenceData.Read("reg-test-input/dih/bridge-1-original.jpg")).Dihedral;
        var names = new Dictionary<DihedralTransform, string>
        {
            [DihedralTransform.Original] = "original",
            [DihedralTransform.Rotate90] = "rotate90",
            [DihedralTransform.Rotate180] = "rotate180",
            [DihedralTransform.Rotate270] = "rotate270",
            [DihedralTransform.FlipX] = "flipx",
            [DihedralTransform.FlipY] = "flipy",
            [DihedralTransform.Transpose] = "flipplus1",
            [DihedralTransform.Transverse] = "flipminus1",
        };
        Assert.Equal(8, ours.Hashes.Count);
        foreach (var (transform, name) in names)
        {
            var distance = ours[transform].DistanceTo(reference[name]);
            output.WriteLine($"{name,-11} distance {distance}");
            Assert.True(distance <= ConformanceDistance, $"{name}: distance {distance} to the reference dihedral hash");
        }
    }

    [Theory]
    [InlineData("bridge-2-rotate-90.jpg", DihedralTransform.Rotate90)]
    [InlineData("bridge-3-rotate-180.jpg", DihedralTransform.Rotate180)]
    [InlineData("bridge-4-rotate-270.jpg", DihedralTransform.Rotate270)]
    [InlineData("bridge-5-flipx.jpg", DihedralTransform.FlipX)]
    [InlineData("bridge-6-flipy.jpg", DihedralTransform.FlipY)]
    [InlineData("bridge-7-flip-plus-1.jpg", DihedralTransform.Transpose)]
    [InlineData("bridge-8-flip-minus-1.jpg", DihedralTransform.Transverse)]
    public void Dihedral_OfOriginal_IsCloseToHashOfReallyTransformedFile(string file, DihedralTransform transform)
    {
        var dihedral = Fingerprinter.FingerprintWithDihedral(PdqReferenceData.Read("reg-test-input/dih/bridge-1-original.jpg")).Dihedral;
        var transformed = Fingerprinter.Fingerprint(PdqReferenceData.Read("reg-test-input/dih/" + file)).Pdq;

        var distance = dihedral[transform].DistanceTo(transformed);
        var toOriginal = dihedral[DihedralTransform.Original].DistanceTo(transformed);
        output.WriteLine($"{file}: distance to {transform} {distance}, to original {toOriginal}");
        Assert.True(distance <= PdqMatchThreshold, $"{file}: distance {distance} to the {transform} variant");
        Assert.True(toOriginal > PdqMatchThreshold, $"{file}: the untransformed hash already matches ({toOriginal})");
    }

    // The transformed files were re-encoded as JPEG, which moves bits: the reference's own hashes
    // of them lie up to 18 bits from its dihedral hashes. So the test uses PDQ's recommended match
    // threshold (31), which is what identification will use.
    private const int PdqMatchThreshold = 31;
}
