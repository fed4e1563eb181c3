using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Vfip.Fingerprinting;

/// <summary>
/// One upload decoded once, oriented as a viewer would show it (EXIF orientation applied) and
/// flattened onto white, so every signal derived from it sees the same opaque pixels. Dispose it
/// to return its pixel memory to the pool.
/// </summary>
public sealed class DecodedImage : IDisposable
{
    internal DecodedImage(Image<Rgba32> pixels, string mediaType)
    {
        Pixels = pixels;
        MediaType = mediaType;
    }

    /// <summary>Width after orientation, in pixels.</summary>
    public int Width => Pixels.Width;

    /// <summary>Height after orientation, in pixels.</summary>
    public int Height => Pixels.Height;

    /// <summary>Content-sniffed media type: <c>image/png</c>, <c>image/jpeg</c>, <c>image/gif</c> or <c>image/webp</c>.</summary>
    public string MediaType { get; }

    /// <summary>Opaque pixels (alpha is always 255 after flattening).</summary>
    internal Image<Rgba32> Pixels { get; }

    /// <inheritdoc />
    public void Dispose() => Pixels.Dispose();
}
