using System.Security.Cryptography;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Vfip.Fingerprinting.Tests;

public sealed class ImageFingerprinterTests
{
    private const int PdqMatchThreshold = 31;
    private static readonly ImageFingerprinter Fingerprinter = new();

    [Fact]
    public void Fingerprint_ReportsSha256OfExactBytes_AndDisplayedSize()
    {
        using var image = TestImages.Pattern(320, 200, Color.White);
        var png = TestImages.Encode(image, new PngEncoder());

        var fingerprint = Fingerprinter.Fingerprint(png);

        Assert.Equal(SHA256.HashData(png), fingerprint.Sha256);
        Assert.Equal((320, 200, "image/png"), (fingerprint.Width, fingerprint.Height, fingerprint.MediaType));
        Assert.True(fingerprint.Quality >= ImageFingerprint.MinimumMatchableQuality, $"quality {fingerprint.Quality}");
    }

    [Fact]
    public void Fingerprint_OfTransparentPng_EqualsSameShapeOnWhite()
    {
        using var transparent = TestImages.Pattern(200, 160, new Rgba32(0, 0, 0, 0));
        using var onWhite = TestImages.Pattern(200, 160, new Rgba32(255, 255, 255, 255));

        var a = Fingerprinter.Fingerprint(TestImages.Encode(transparent, new PngEncoder()));
        var b = Fingerprinter.Fingerprint(TestImages.Encode(onWhite, new PngEncoder()));

        Assert.Equal(b.Pdq, a.Pdq);
    }

    [Fact]
    public void Fingerprint_RespectsExifOrientation()
    {
        using var upright = TestImages.Pattern(300, 200, Color.White);
        using var tagged = upright.Clone();
        tagged.Metadata.ExifProfile = new ExifProfile();
        tagged.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6); // display rotated 90° clockwise
        using var rotatedPixels = upright.Clone(x => x.Rotate(RotateMode.Rotate90));
        var encoder = new JpegEncoder { Quality = 95 };

        var fromTag = Fingerprinter.Fingerprint(TestImages.Encode(tagged, encoder));
        var fromPixels = Fingerprinter.Fingerprint(TestImages.Encode(rotatedPixels, encoder));
        var ignoringTag = Fingerprinter.Fingerprint(TestImages.Encode(upright, encoder));

        Assert.Equal((200, 300), (fromTag.Width, fromTag.Height));
        Assert.True(fromTag.Pdq.DistanceTo(fromPixels.Pdq) <= 10, $"distance {fromTag.Pdq.DistanceTo(fromPixels.Pdq)}");
        Assert.True(fromTag.Pdq.DistanceTo(ignoringTag.Pdq) > PdqMatchThreshold);
    }

    [Fact]
    public void Fingerprint_OfAnimatedGif_UsesFirstFrameOnly()
    {
        using var first = TestImages.Pattern(160, 120, Color.White, seed: 1);
        using var second = TestImages.Pattern(160, 120, Color.White, seed: 2);
        using var animation = first.Clone();
        animation.Frames.AddFrame(second.Frames.RootFrame);
        var gif = TestImages.Encode(animation, new GifEncoder());

        var fingerprint = Fingerprinter.Fingerprint(gif);
        var firstAlone = Fingerprinter.Fingerprint(TestImages.Encode(first, new PngEncoder()));
        var secondAlone = Fingerprinter.Fingerprint(TestImages.Encode(second, new PngEncoder()));

        Assert.True(fingerprint.Pdq.DistanceTo(firstAlone.Pdq) <= 2, $"distance {fingerprint.Pdq.DistanceTo(firstAlone.Pdq)}");
        Assert.True(fingerprint.Pdq.DistanceTo(secondAlone.Pdq) > PdqMatchThreshold);
        Assert.Equal("image/gif", fingerprint.MediaType);
    }

    [Fact]
    public void Fingerprint_OfAnimatedWebp_UsesFirstFrameOnly()
    {
        using var first = TestImages.Pattern(160, 120, Color.White, seed: 1);
        using var second = TestImages.Pattern(160, 120, Color.White, seed: 2);
        var lossless = new WebpEncoder { FileFormat = WebpFileFormatType.Lossless };
        var webp = TestImages.AnimatedWebp(160, 120, TestImages.Encode(first, lossless), TestImages.Encode(second, lossless));

        var fingerprint = Fingerprinter.Fingerprint(webp);
        var firstAlone = Fingerprinter.Fingerprint(TestImages.Encode(first, new PngEncoder()));
        var secondAlone = Fingerprinter.Fingerprint(TestImages.Encode(second, new PngEncoder()));

        Assert.Equal(firstAlone.Pdq, fingerprint.Pdq);
        Assert.True(fingerprint.Pdq.DistanceTo(secondAlone.Pdq) > PdqMatchThreshold);
        Assert.Equal(("image/webp", 160, 120), (fingerprint.MediaType, fingerprint.Width, fingerprint.Height));
    }

    [Fact]
    public void FingerprintWithDihedral_Original_EqualsPlainFingerprint()
    {
        using var image = TestImages.Pattern(200, 150, Color.White);
        var png = TestImages.Encode(image, new PngEncoder());

        var withDihedral = Fingerprinter.FingerprintWithDihedral(png);

        Assert.Equal(8, withDihedral.Dihedral.Hashes.Count);
        Assert.Equal(Fingerprinter.Fingerprint(png).Pdq, withDihedral.Dihedral[DihedralTransform.Original]);
        Assert.Equal(withDihedral.Fingerprint.Pdq, withDihedral.Dihedral[DihedralTransform.Original]);
    }

    [Fact]
    public void Fingerprint_OfTinyImage_IsZeroHashWithZeroQuality()
    {
        using var image = TestImages.Noise(4, 4);

        var fingerprint = Fingerprinter.Fingerprint(TestImages.Encode(image, new PngEncoder()));

        Assert.Equal(default, fingerprint.Pdq);
        Assert.Equal(0, fingerprint.Quality);
    }
}
