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
        Decoder.Decode(TestImages.PngDeclaring(8, 8)).Dispose(); // warm up, so JIT allocations are not counted

        var before = GC.GetAllocatedBytesForCurrentThread();
        var code = RejectionCode(Decoder, png);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("image_too_many_pixels", code);
        Assert.True(allocated < 4_000_000, $"Rejecting allocated {allocated} bytes; pixels must never be allocated.");
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
