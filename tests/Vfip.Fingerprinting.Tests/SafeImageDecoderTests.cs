using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace Vfip.Fingerprinting.Tests;

public sealed class SafeImageDecoderTests
{
    private static readonly SafeImageDecoder Decoder = new();

    private static string RejectionCode(SafeImageDecoder decoder, byte[] bytes) =>
        Assert.Throws<ImageRejectedException>(() => decoder.Decode(bytes).Dispose()).Code;

    private static void AssertTooManyPixelsBeforeAllocatingThem(byte[] image, byte[] warmUp)
    {
        Decoder.Decode(warmUp).Dispose(); // warm up, so JIT allocations are not counted

        var before = GC.GetAllocatedBytesForCurrentThread();
        var code = RejectionCode(Decoder, image);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("image_too_many_pixels", code);
        Assert.True(allocated < 4_000_000, $"Rejecting allocated {allocated} bytes; pixels must never be allocated.");
    }

    [Fact]
    public void Decode_WhenEmpty_RejectsWithImageEmpty() =>
        Assert.Equal("image_empty", RejectionCode(Decoder, []));

    [Fact]
    public void Decode_WhenTextFile_RejectsWithUnsupportedFormat() =>
        Assert.Equal("unsupported_image_format", RejectionCode(Decoder, "name,price\nshirt,10\n"u8.ToArray()));

    [Fact]
    public void Decode_WhenBmp_RejectsWithUnsupportedFormat()
    {
        using var image = TestImages.Pattern(64, 64, Color.White);
        Assert.Equal("unsupported_image_format", RejectionCode(Decoder, TestImages.Encode(image, new BmpEncoder())));
    }

    [Fact]
    public void Decode_WhenOverByteLimit_RejectsWithImageTooLarge()
    {
        using var image = TestImages.Noise(100, 100);
        var png = TestImages.Encode(image, new PngEncoder());
        var decoder = new SafeImageDecoder(new ImageLimits(MaxBytes: png.Length - 1));

        Assert.Equal("image_too_large", RejectionCode(decoder, png));
    }

    [Fact]
    public void Decode_WhenPngHeaderDeclares50000x50000_RejectsBeforeAllocatingPixels()
    {
        var png = TestImages.PngDeclaring(50_000, 50_000);

        AssertTooManyPixelsBeforeAllocatingThem(png, warmUp: TestImages.PngDeclaring(8, 8));
    }

    [Fact]
    public void Decode_WhenOverPixelLimit_RejectsWithImageTooManyPixels()
    {
        using var image = TestImages.Pattern(300, 200, Color.White);
        var jpeg = TestImages.Encode(image, new JpegEncoder());
        var decoder = new SafeImageDecoder(new ImageLimits(MaxPixels: 300 * 200 - 1));

        Assert.Equal("image_too_many_pixels", RejectionCode(decoder, jpeg));
    }

    [Fact]
    public void Decode_WhenSideLongerThanMaxDimension_RejectsWithImageTooManyPixels() =>
        Assert.Equal("image_too_many_pixels", RejectionCode(Decoder, TestImages.PngDeclaring(40_000, 1)));

    [Fact]
    public void Decode_WhenJpegTruncated_RejectsAsCorrupt()
    {
        using var image = TestImages.Noise(256, 256);
        var jpeg = TestImages.Encode(image, new JpegEncoder { Quality = 90 });

        Assert.Equal("image_corrupt", RejectionCode(Decoder, jpeg[..(jpeg.Length / 2)]));
        Assert.Equal("image_corrupt", RejectionCode(Decoder, jpeg[..^2])); // only the EOI marker missing
    }

    [Fact]
    public void Decode_WhenJpegHasTrailingPadding_Accepts()
    {
        using var image = TestImages.Pattern(128, 128, Color.White);
        var jpeg = TestImages.Encode(image, new JpegEncoder());
        var padded = jpeg.Concat(new byte[4096]).ToArray();

        using var decoded = Decoder.Decode(padded);
        Assert.Equal((128, 128), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Decode_WhenPngTruncated_RejectsAsCorrupt()
    {
        using var image = TestImages.Noise(256, 256);
        var png = TestImages.Encode(image, new PngEncoder());

        Assert.Equal("image_corrupt", RejectionCode(Decoder, png[..(png.Length / 2)]));
        Assert.Equal("image_corrupt", RejectionCode(Decoder, png[..^12])); // IEND cut off
    }

    [Fact]
    public void Decode_WhenGifTruncated_RejectsAsCorrupt()
    {
        using var image = TestImages.Pattern(128, 128, Color.White);
        var gif = TestImages.Encode(image, new GifEncoder());

        Assert.Equal("image_corrupt", RejectionCode(Decoder, gif[..^1]));
    }

    [Fact]
    public void Decode_WhenGifFrameIsFarLargerThanItsScreen_RejectsBeforeAllocatingPixels()
    {
        // 34 bytes declaring a 65535x4800 frame on a 16x16 screen: the screen passes every limit,
        // and ImageSharp checks nothing else (with LZW data filling the frame, 118 KB cost 2 s of CPU).
        var gif = TestImages.GifDeclaring(16, 16, (0, 0, 65_535, 4_800));

        AssertTooManyPixelsBeforeAllocatingThem(gif, warmUp: TestImages.GifDeclaring(16, 16, (0, 0, 16, 16)));
    }

    [Fact]
    public void Decode_WhenGifFrameIsLargerThanItsScreen_RejectsAsCorrupt() =>
        Assert.Equal("image_corrupt", RejectionCode(Decoder, TestImages.GifDeclaring(16, 16, (0, 0, 32, 32))));

    [Theory]
    [InlineData(12, 0)]
    [InlineData(0, 12)]
    [InlineData(65_535, 0)]
    public void Decode_WhenGifFrameRunsOffItsScreen_RejectsAsCorrupt(int left, int top) =>
        Assert.Equal("image_corrupt", RejectionCode(Decoder, TestImages.GifDeclaring(16, 16, (left, top, 8, 8))));

    [Fact]
    public void Decode_WhenLaterGifFrameRunsOffItsScreen_RejectsAsCorrupt() =>
        Assert.Equal(
            "image_corrupt",
            RejectionCode(Decoder, TestImages.GifDeclaring(16, 16, (0, 0, 16, 16), (0, 0, 16, 16), (9, 9, 8, 8))));

    [Fact]
    public void Decode_WhenGifHasThousandsOfFrames_RejectsAsCorrupt()
    {
        var gif = TestImages.GifDeclaring(16, 16, Enumerable.Repeat((0, 0, 1, 1), 5_000).ToArray());

        var e = Assert.Throws<ImageRejectedException>(() => Decoder.Decode(gif).Dispose());

        Assert.Equal("image_corrupt", e.Code);
        Assert.Contains("frames", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_WhenGifOrWebpHasOneFrameMoreThanMaxFrames_Rejects()
    {
        var decoder = new SafeImageDecoder(new ImageLimits(MaxFrames: 2));
        using var still = TestImages.Pattern(32, 32, Color.White);
        var lossless = TestImages.Encode(still, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless });

        decoder.Decode(TestImages.GifDeclaring(16, 16, (0, 0, 16, 16), (0, 0, 16, 16))).Dispose();
        decoder.Decode(TestImages.AnimatedWebp(32, 32, lossless, lossless)).Dispose();
        Assert.Equal("image_corrupt", RejectionCode(decoder, TestImages.GifDeclaring(16, 16, (0, 0, 16, 16), (0, 0, 16, 16), (0, 0, 16, 16))));
        Assert.Equal("image_corrupt", RejectionCode(decoder, TestImages.AnimatedWebp(32, 32, lossless, lossless, lossless)));
    }

    [Fact]
    public void Decode_WhenAnimatedGifWithPartialFrames_AcceptsItsFirstFrame()
    {
        using var image = TestImages.Pattern(96, 64, Color.White, seed: 1);
        using var second = TestImages.Pattern(96, 64, Color.White, seed: 2);
        using var third = TestImages.Pattern(96, 64, Color.White, seed: 3);
        image.Frames.AddFrame(second.Frames.RootFrame);
        image.Frames.AddFrame(third.Frames.RootFrame);
        var gif = TestImages.Encode(image, new GifEncoder());

        using var decoded = Decoder.Decode(gif);
        using var firstAlone = Decoder.Decode(TestImages.Encode(image.Frames.CloneFrame(0), new GifEncoder()));

        Assert.Equal((96, 64), (decoded.Width, decoded.Height));
        Assert.Equal(PixelsOf(firstAlone), PixelsOf(decoded));

        // Frames that touch the screen's right and bottom edges fit.
        using var edges = Decoder.Decode(TestImages.GifDeclaring(16, 16, (0, 0, 16, 16), (4, 4, 12, 12), (15, 15, 1, 1)));
        Assert.Equal((16, 16), (edges.Width, edges.Height));
    }

    private static Rgba32[] PixelsOf(DecodedImage image)
    {
        var pixels = new Rgba32[image.Width * image.Height];
        image.Pixels.CopyPixelDataTo(pixels);
        return pixels;
    }

    [Fact]
    public void Decode_WhenWebpRiffSizeDisagreesWithLength_RejectsAsCorrupt()
    {
        using var image = TestImages.Pattern(128, 128, Color.White);
        var webp = TestImages.Encode(image, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless });

        Assert.Equal("image_corrupt", RejectionCode(Decoder, webp[..^4]));
        Assert.Equal("image_corrupt", RejectionCode(Decoder, webp.Concat(new byte[8]).ToArray()));
    }

    [Fact]
    public void Decode_WhenCancelled_Throws()
    {
        using var image = TestImages.Pattern(64, 64, Color.White);
        var png = TestImages.Encode(image, new PngEncoder());

        Assert.ThrowsAny<OperationCanceledException>(() => Decoder.Decode(png, new CancellationToken(canceled: true)));
    }

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("gif", "image/gif")]
    [InlineData("webp", "image/webp")]
    public void Decode_SniffsMediaTypeFromContent(string format, string mediaType)
    {
        using var image = TestImages.Pattern(96, 64, Color.White);
        var bytes = TestImages.Encode(image, format switch
        {
            "png" => new PngEncoder(),
            "jpeg" => new JpegEncoder(),
            "gif" => new GifEncoder(),
            _ => new WebpEncoder(),
        });

        using var decoded = Decoder.Decode(bytes);
        Assert.Equal(mediaType, decoded.MediaType);
        Assert.Equal((96, 64), (decoded.Width, decoded.Height));
    }
}
