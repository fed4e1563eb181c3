using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Vfip.Fingerprinting.Tests;

public sealed class GarmentMatcherTests
{
    private const long OriginalKey = 42;
    private static readonly ImageFingerprinter Fingerprinter = new();

    private static (GarmentMatcher Matcher, GarmentSignals Signals) RegisterShirt(int seed = 1)
    {
        using var shirt = TestGarments.Shirt(seed);
        var signals = Fingerprinter.Fingerprint(TestGarments.Png(shirt)).Signals;
        var matcher = new GarmentMatcher();
        matcher.Add(OriginalKey, signals);
        return (matcher, signals);
    }

    private static IReadOnlyList<GarmentMatch> Query(GarmentMatcher matcher, Image<Rgba32> image) =>
        matcher.Match(Fingerprinter.FingerprintForQuery(TestGarments.Png(image)).Query);

    [Fact]
    public void Signals_SerializeRoundTrip_KeepsEveryField()
    {
        var (_, signals) = RegisterShirt();

        var bytes = signals.Serialize();
        var copy = GarmentSignals.Deserialize(bytes);

        Assert.Equal(GarmentSignals.FormatVersion, bytes[0]);
        Assert.Equal(GarmentSignals.SerializedLength, bytes.Length);
        Assert.Equal(signals.Pdq, copy.Pdq);
        Assert.Equal(signals.Quality, copy.Quality);
        Assert.Equal(signals.Content, copy.Content);
        Assert.Equal(signals.Inner, copy.Inner);
        Assert.Equal(signals.Shape, copy.Shape);
        Assert.Equal(signals.ContentQuality, copy.ContentQuality);
        Assert.Equal(signals.ContentAspect, copy.ContentAspect);
        Assert.Equal(bytes, copy.Serialize());
    }

    [Fact]
    public void Signals_Deserialize_RejectsUnknownVersionAndWrongLength()
    {
        var bytes = RegisterShirt().Signals.Serialize();

        bytes[0] = 99;
        Assert.Throws<FormatException>(() => GarmentSignals.Deserialize(bytes));
        Assert.Throws<FormatException>(() => GarmentSignals.Deserialize(bytes.AsSpan(0, 10)));
        Assert.Throws<FormatException>(() => GarmentSignals.Deserialize([]));
    }

    [Fact]
    public void Fingerprint_SignalsCarryTheWholeImagePdqUnchanged()
    {
        using var shirt = TestGarments.Shirt();
        var fingerprint = Fingerprinter.Fingerprint(TestGarments.Png(shirt));

        Assert.Equal(fingerprint.Pdq, fingerprint.Signals.Pdq);
        Assert.Equal(fingerprint.Quality, fingerprint.Signals.Quality);
        Assert.True(fingerprint.Signals.HasContentSignals);
    }

    [Fact]
    public void Match_PaddedCopy_FindsOriginal()
    {
        var (matcher, _) = RegisterShirt();
        using var shirt = TestGarments.Shirt();
        using var padded = TestGarments.Pad(shirt, 200, new Rgba32(255, 255, 255));

        var matches = Query(matcher, padded);

        Assert.Equal(OriginalKey, Assert.Single(matches).ImageKey);
    }

    [Fact]
    public void Match_ScreenshotWithBorders_FindsOriginal()
    {
        var (matcher, _) = RegisterShirt();
        using var shirt = TestGarments.Shirt();
        using var screenshot = TestGarments.Screenshot(shirt);

        var matches = Query(matcher, screenshot);

        Assert.Equal(OriginalKey, Assert.Single(matches).ImageKey);
    }

    [Fact]
    public void Match_BackgroundSwappedCopy_FindsOriginal()
    {
        var (matcher, _) = RegisterShirt();
        using var shirt = TestGarments.Shirt();
        using var onBlue = TestGarments.OnBackground(shirt, new Rgba32(74, 123, 208));

        var matches = Query(matcher, onBlue);

        Assert.Equal(OriginalKey, Assert.Single(matches).ImageKey);
    }

    [Fact]
    public void Match_BackgroundSwap_DoesNotChangeContentHashMuch()
    {
        using var shirt = TestGarments.Shirt();
        using var onBlue = TestGarments.OnBackground(shirt, new Rgba32(74, 123, 208));

        var original = Fingerprinter.Fingerprint(TestGarments.Png(shirt)).Signals;
        var swapped = Fingerprinter.Fingerprint(TestGarments.Png(onBlue)).Signals;

        // The whole-image PDQ sees a different picture; the keyed content box does not.
        Assert.True(original.Content.DistanceTo(swapped.Content) <= 16, $"content distance {original.Content.DistanceTo(swapped.Content)}");
    }

    [Fact]
    public void Match_RecolouredCopy_FindsOriginalByShape()
    {
        var (matcher, original) = RegisterShirt();
        using var shirt = TestGarments.Shirt();
        using var recoloured = TestGarments.Recolour(shirt);
        var query = Fingerprinter.FingerprintForQuery(TestGarments.Png(recoloured)).Query;

        var matches = matcher.Match(query);

        Assert.Equal(OriginalKey, Assert.Single(matches).ImageKey);
        Assert.True(query.Shape[DihedralTransform.Original].DistanceTo(original.Shape) <= 24);
    }

    [Fact]
    public void Match_UnrelatedGarment_FindsNothing()
    {
        var (matcher, _) = RegisterShirt(seed: 1);
        using var other = TestImages.Pattern(512, 512, new Rgba32(255, 255, 255), seed: 5);

        Assert.Empty(Query(matcher, other));
    }

    [Fact]
    public void Fingerprint_FlatImage_IsLowQualityAndNeverMatches()
    {
        using var flat = new Image<Rgba32>(400, 300, new Rgba32(200, 40, 40));
        var signals = Fingerprinter.Fingerprint(TestGarments.Png(flat)).Signals;
        var matcher = new GarmentMatcher();
        matcher.Add(7, signals);

        var matches = Query(matcher, flat);

        Assert.True(signals.IsLowQuality);
        Assert.Empty(matches);
        Assert.Empty(matcher.MatchPdq([signals.Pdq]));
    }

    [Fact]
    public void MatchPdq_WholeImageHash_FindsOriginal()
    {
        var (matcher, signals) = RegisterShirt();

        var matches = matcher.MatchPdq([signals.Pdq]);

        var match = Assert.Single(matches);
        Assert.Equal(OriginalKey, match.ImageKey);
        Assert.Equal(0, match.Distance);
        Assert.Equal(1.0, match.Score);
    }

    [Theory]
    // ImageSharp turns clockwise; PDQ's rotate90 turns counter-clockwise, so it undoes ImageSharp's Rotate90.
    [InlineData(RotateMode.Rotate90, DihedralTransform.Rotate90)]
    [InlineData(RotateMode.Rotate270, DihedralTransform.Rotate270)]
    [InlineData(RotateMode.Rotate180, DihedralTransform.Rotate180)]
    public void Match_RotatedCopy_ReportsTheTransformThatUndoesTheRotation(RotateMode rotation, DihedralTransform expected)
    {
        var (matcher, _) = RegisterShirt();
        using var shirt = TestGarments.Shirt();
        using var rotated = shirt.Clone(x => x.Rotate(rotation));

        var match = Assert.Single(Query(matcher, rotated));

        Assert.Equal(OriginalKey, match.ImageKey);
        Assert.Equal(expected, match.Transform);
    }

    [Fact]
    public void Match_SlightlyRotatedCopy_FindsOriginalByDeskewing()
    {
        var (matcher, _) = RegisterShirt(seed: 4);
        using var shirt = TestGarments.Shirt(seed: 4);
        using var tilted = shirt.Clone(x => x.Rotate(5));

        var matches = Query(matcher, tilted);

        Assert.Equal(OriginalKey, Assert.Single(matches).ImageKey);
    }

    [Fact]
    public void Match_SlightlyRotatedOpaqueCopyOnWhiteCanvas_FindsOriginal()
    {
        using var shirt = TestGarments.Shirt(seed: 6);
        using var onBeige = TestGarments.OnBackground(shirt, new Rgba32(233, 220, 192));
        var matcher = new GarmentMatcher();
        matcher.Add(OriginalKey, Fingerprinter.Fingerprint(TestGarments.Png(onBeige)).Signals);
        using var tilted = onBeige.Clone(x => x.Rotate(5));

        var matches = Query(matcher, tilted);

        Assert.Equal(OriginalKey, Assert.Single(matches).ImageKey);
    }

    [Fact]
    public void Match_WatermarkSpillingPastTheGarment_FindsOriginalByTheCoreBox()
    {
        var (matcher, _) = RegisterShirt(seed: 7);
        using var shirt = TestGarments.Shirt(seed: 7);
        using var marked = shirt.Clone();
        // A caption-like band: translucent dark strokes across the whole canvas, past the sleeves.
        marked.ProcessPixelRows(rows =>
        {
            for (var y = 300; y < 330; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 4; x < row.Length - 4; x++)
                {
                    if ((x / 6) % 3 == 0 || y % 9 == 0)
                    {
                        var p = row[x].A == 0 ? new Rgba32(255, 255, 255, 255) : row[x];
                        row[x] = new Rgba32((byte)((p.R * 0.65) + 7), (byte)((p.G * 0.65) + 7), (byte)((p.B * 0.65) + 7), 255);
                    }
                }
            }
        });

        var query = Fingerprinter.FingerprintForQuery(TestGarments.Png(marked)).Query;
        var matches = matcher.Match(query);

        Assert.NotNull(query.CoreContent);
        Assert.Equal(OriginalKey, Assert.Single(matches).ImageKey);
    }

    [Fact]
    public void FingerprintForQuery_CarriesFixedAngleTurns()
    {
        using var shirt = TestGarments.Shirt(seed: 8);

        var query = Fingerprinter.FingerprintForQuery(TestGarments.Png(shirt)).Query;

        Assert.Equal(4, query.TurnedContent.Count);
        Assert.All(query.TurnedContent, turned => Assert.Equal(8, turned.Hashes.Count));
    }

    [Fact]
    public void Match_MirroredCopy_ReportsAMirrorTransform()
    {
        var (matcher, _) = RegisterShirt(seed: 3);
        using var shirt = TestGarments.Shirt(seed: 3);
        using var mirrored = shirt.Clone(x => x.Flip(FlipMode.Horizontal));

        var match = Assert.Single(Query(matcher, mirrored));

        Assert.Equal(OriginalKey, match.ImageKey);
        Assert.Contains(match.Transform, new[] { DihedralTransform.FlipX, DihedralTransform.FlipY });
    }

    [Fact]
    public void Remove_ForgetsEverythingAddedForTheKey()
    {
        var (matcher, signals) = RegisterShirt();
        using var shirt = TestGarments.Shirt();
        var query = Fingerprinter.FingerprintForQuery(TestGarments.Png(shirt)).Query;

        matcher.Remove(OriginalKey);

        Assert.Empty(matcher.Match(query));
        Assert.Empty(matcher.MatchPdq([signals.Pdq]));
        Assert.Equal(0, matcher.Count);
    }

    [Fact]
    public void Add_SameKeyTwice_ReplacesTheEarlierSignals()
    {
        var (matcher, _) = RegisterShirt(seed: 1);
        using var other = TestImages.Pattern(512, 512, new Rgba32(255, 255, 255), seed: 9);
        var otherSignals = Fingerprinter.Fingerprint(TestGarments.Png(other)).Signals;

        matcher.Add(OriginalKey, otherSignals);

        using var shirt = TestGarments.Shirt(seed: 1);
        Assert.Empty(Query(matcher, shirt));
        Assert.Equal(OriginalKey, Assert.Single(Query(matcher, other)).ImageKey);
    }

    [Fact]
    public async Task Match_ConcurrentQueriesDuringAdds_AlwaysFindTheStableImage()
    {
        var (matcher, _) = RegisterShirt();
        using var shirt = TestGarments.Shirt();
        var query = Fingerprinter.FingerprintForQuery(TestGarments.Png(shirt)).Query;
        var extra = Enumerable.Range(0, 40).Select(seed =>
        {
            using var pattern = TestImages.Pattern(128, 128, new Rgba32(255, 255, 255), seed: 100 + seed);
            return Fingerprinter.Fingerprint(TestGarments.Png(pattern)).Signals;
        }).ToList();

        var writer = Task.Run(() =>
        {
            for (var i = 0; i < extra.Count; i++)
            {
                matcher.Add(1000 + i, extra[i]);
                if (i % 3 == 0)
                {
                    matcher.Remove(1000 + i);
                }
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.Contains(matcher.Match(query), m => m.ImageKey == OriginalKey);
            }
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(1 + extra.Count - 14, matcher.Count);
    }
}
