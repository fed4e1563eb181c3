using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Vfip.Fingerprinting.Decoding;

namespace Vfip.Fingerprinting;

/// <summary>
/// Decodes untrusted uploads with ImageSharp 2.1 under <see cref="ImageLimits"/>: size checks,
/// content sniffing, a structural walk of the container, <c>Identify</c> (headers only) before any
/// pixel allocation, first-frame-only decoding, and a dimension cross-check afterwards. Every
/// failure is an <see cref="ImageRejectedException"/>. Thread-safe and meant to be reused.
/// </summary>
public sealed class SafeImageDecoder
{
    private const int MegaByte = 1024 * 1024;

    private readonly ImageLimits _limits;
    private readonly Configuration _configuration;
    private readonly JpegDecoder _jpeg = new() { IgnoreMetadata = false }; // EXIF orientation is needed
    private readonly PngDecoder _png = new() { IgnoreMetadata = true };    // zTXt/iTXt are inflated eagerly: skip them
    private readonly GifDecoder _gif = new() { IgnoreMetadata = true, DecodingMode = FrameDecodingMode.First, MaxFrames = 1 };
    private readonly WebpDecoder _webp = new() { IgnoreMetadata = true };

    /// <summary>Creates a decoder with its own ImageSharp configuration (never the global one).</summary>
    public SafeImageDecoder(ImageLimits? limits = null)
    {
        _limits = limits ?? ImageLimits.Default;

        // Headroom for a 64-bit-per-pixel intermediate of the largest accepted image; anything
        // bigger than that is not an image we agreed to decode.
        var allocationLimitMb = (int)Math.Clamp(_limits.MaxPixels * 8 / MegaByte + 16, 64, 4096);
        _configuration = new Configuration(
            new PngConfigurationModule(),
            new JpegConfigurationModule(),
            new GifConfigurationModule(),
            new WebpConfigurationModule())
        {
            // The service already runs one decode per request in parallel; fanning each decode
            // out over all cores just oversubscribes the machine under load.
            MaxDegreeOfParallelism = 1,
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                MaximumPoolSizeMegabytes = 64,
                AllocationLimitMegabytes = allocationLimitMb,
            }),
        };
        _configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, _gif);
        _configuration.ImageFormatsManager.SetDecoder(JpegFormat.Instance, _jpeg);
        _configuration.ImageFormatsManager.SetDecoder(PngFormat.Instance, _png);
        _configuration.ImageFormatsManager.SetDecoder(WebpFormat.Instance, _webp);
    }

    /// <summary>The limits this decoder enforces.</summary>
    public ImageLimits Limits => _limits;

    /// <summary>
    /// Validates and decodes <paramref name="data"/>: first frame only, EXIF-oriented, flattened
    /// onto white.
    /// </summary>
    /// <exception cref="ImageRejectedException">The upload breaks a limit or is not a sound PNG, JPEG, GIF or WebP.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DecodedImage Decode(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var kind = CheckEnvelope(data.Span, out var webp);

        Image<Rgba32> image;
        if (webp is { Animated: true, FirstFrame: { } frame })
        {
            _limits.CheckDimensions(webp.CanvasWidth, webp.CanvasHeight, "The image");
            image = DecodeAnimatedWebpFirstFrame(data.Span, webp.CanvasWidth, webp.CanvasHeight, frame, cancellationToken);
        }
        else
        {
            image = DecodeStill(kind, data, cancellationToken);
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            image.Mutate(x => x.AutoOrient());
            if (kind.CanHaveAlpha())
            {
                FlattenOntoWhite(image);
            }

            return new DecodedImage(image, kind.MediaType());
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>Byte limits, sniffing and the per-format structural walk: everything that needs no decoder.</summary>
    private ImageKind CheckEnvelope(ReadOnlySpan<byte> data, out WebpLayout? webp)
    {
        webp = null;
        if (data.IsEmpty)
        {
            throw new ImageRejectedException(ImageRejectionCodes.Empty, "The image is empty.");
        }

        if (data.Length > _limits.MaxBytes)
        {
            throw new ImageRejectedException(
                ImageRejectionCodes.TooLarge, $"The image is {data.Length} bytes; the limit is {_limits.MaxBytes}.");
        }

        var kind = ImageKindExtensions.Sniff(data) ?? throw new ImageRejectedException(
            ImageRejectionCodes.UnsupportedFormat, "Only PNG, JPEG, WebP and GIF images are accepted.");
        try
        {
            switch (kind)
            {
                case ImageKind.Jpeg:
                    JpegStructure.Validate(data, _limits.MaxJpegScans);
                    break;
                case ImageKind.Png:
                    PngStructure.Validate(data);
                    break;
                case ImageKind.Gif:
                    GifStructure.Validate(data, _limits);
                    break;
                case ImageKind.Webp:
                    webp = WebpStructure.Validate(data, _limits.MaxFrames);
                    break;
            }
        }
        catch (StructureException e)
        {
            throw new ImageRejectedException(ImageRejectionCodes.Corrupt, e.Message, e);
        }

        return kind;
    }

    private Image<Rgba32> DecodeStill(ImageKind kind, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        IImageDecoder decoder = kind switch
        {
            ImageKind.Jpeg => _jpeg,
            ImageKind.Png => _png,
            ImageKind.Gif => _gif,
            _ => _webp,
        };

        // Headers only: nothing proportional to the declared size is allocated here.
        var info = Guard(() =>
        {
            using var stream = OpenRead(data);
            return ((IImageInfoDetector)decoder).Identify(_configuration, stream, cancellationToken);
        }) ?? throw new ImageRejectedException(ImageRejectionCodes.Corrupt, "The image header could not be read.");
        _limits.CheckDimensions(info.Width, info.Height, "The image");

        var image = Guard(() =>
        {
            using var stream = OpenRead(data);
            return decoder.Decode<Rgba32>(_configuration, stream, cancellationToken);
        });
        if (image.Width != info.Width || image.Height != info.Height)
        {
            var (w, h) = (image.Width, image.Height);
            image.Dispose();
            throw new ImageRejectedException(
                ImageRejectionCodes.Corrupt, $"Decoded size {w}x{h} differs from the header's {info.Width}x{info.Height}.");
        }

        return image;
    }

    private Image<Rgba32> DecodeAnimatedWebpFirstFrame(
        ReadOnlySpan<byte> file, int canvasWidth, int canvasHeight, WebpFrame frame, CancellationToken cancellationToken)
    {
        if (frame.X + frame.Width > canvasWidth || frame.Y + frame.Height > canvasHeight)
        {
            throw new ImageRejectedException(ImageRejectionCodes.Corrupt, "Animated WebP frame lies outside its canvas.");
        }

        byte[] still;
        try
        {
            still = WebpFirstFrame.ToStillImage(file, frame);
        }
        catch (StructureException e)
        {
            throw new ImageRejectedException(ImageRejectionCodes.Corrupt, e.Message, e);
        }

        var frameImage = DecodeStill(ImageKind.Webp, still, cancellationToken);
        if (frameImage.Width != frame.Width || frameImage.Height != frame.Height)
        {
            frameImage.Dispose();
            throw new ImageRejectedException(ImageRejectionCodes.Corrupt, "Animated WebP frame size differs from its ANMF header.");
        }

        if (frame is { X: 0, Y: 0 } && frame.Width == canvasWidth && frame.Height == canvasHeight)
        {
            return frameImage;
        }

        // A partial first frame sits on a transparent canvas (which flattening turns white);
        // the ANIM background colour is only a hint in the WebP spec, and viewers ignore it.
        using (frameImage)
        {
            var canvas = new Image<Rgba32>(_configuration, canvasWidth, canvasHeight);
            canvas.ProcessPixelRows(frameImage, (dst, src) =>
            {
                for (var y = 0; y < src.Height; y++)
                {
                    src.GetRowSpan(y).CopyTo(dst.GetRowSpan(frame.Y + y).Slice(frame.X, src.Width));
                }
            });
            return canvas;
        }
    }

    /// <summary>Translates whatever a 2.x decoder throws on hostile input into a stable rejection.</summary>
    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (ImageRejectedException)
        {
            throw;
        }
        catch (Exception e) when (e is NotSupportedException or UnknownImageFormatException)
        {
            throw new ImageRejectedException(ImageRejectionCodes.UnsupportedFormat, $"This image variant is not supported: {e.Message}", e);
        }
        catch (InvalidMemoryOperationException e)
        {
            throw new ImageRejectedException(ImageRejectionCodes.TooManyPixels, "Decoding the image would need more memory than allowed.", e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ImageFormatException, InvalidImageContentException, and the IndexOutOfRange /
            // InvalidOperation / Argument exceptions that malformed input provokes inside decoders.
            throw new ImageRejectedException(ImageRejectionCodes.Corrupt, $"The image could not be decoded: {e.Message}", e);
        }
    }

    private static MemoryStream OpenRead(ReadOnlyMemory<byte> data) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);

    /// <summary>
    /// Composites onto white in place so transparent areas hash as white whatever colour values
    /// the encoder left under alpha 0 (often black, sometimes garbage).
    /// </summary>
    private static void FlattenOntoWhite(Image<Rgba32> image)
    {
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < accessor.Height; y++)
            {
                foreach (ref var p in accessor.GetRowSpan(y))
                {
                    if (p.A == 255)
                    {
                        continue;
                    }

                    int a = p.A, inv = 255 - a;
                    p.R = (byte)(((p.R * a) + (255 * inv) + 127) / 255);
                    p.G = (byte)(((p.G * a) + (255 * inv) + 127) / 255);
                    p.B = (byte)(((p.B * a) + (255 * inv) + 127) / 255);
                    p.A = 255;
                }
            }
        });
    }
}
