namespace Vfip.Fingerprinting;

/// <summary>
/// Resource limits applied to every upload before and during decoding. Uploads are hostile and
/// ImageSharp 2.1 (the end of the 2.x line) will not get new hardening, so everything that can
/// be checked cheaply from headers is checked before a single pixel is allocated.
/// </summary>
/// <param name="MaxBytes">Largest accepted file, in bytes.</param>
/// <param name="MaxPixels">Largest accepted width × height (of the canvas, for animations).</param>
/// <param name="MaxDimension">Largest accepted width or height on its own; stops 1 × 40M strips.</param>
/// <param name="MaxJpegScans">Most scans (SOS segments) accepted in a JPEG; progressive JPEGs need
/// about 10, and each extra scan costs a full pass over the coefficients.</param>
/// <param name="MaxFrames">Most frames accepted in an animated GIF or WebP. Only the first is
/// decoded, but every frame is walked (by the structure check and by ImageSharp's
/// <c>Identify</c>), so their number is bounded too.</param>
public sealed record ImageLimits(
    long MaxBytes = 20_000_000,
    long MaxPixels = 40_000_000,
    int MaxDimension = 30_000,
    int MaxJpegScans = 100,
    int MaxFrames = 1_000)
{
    /// <summary>The limits the service uses unless configured otherwise.</summary>
    public static ImageLimits Default { get; } = new();

    /// <summary>Refuses a declared size (of an image, a canvas or one frame) that breaks the pixel or dimension limit.</summary>
    /// <param name="width">Declared width.</param>
    /// <param name="height">Declared height.</param>
    /// <param name="what">What declared it, for the message ("The image", "GIF frame 3").</param>
    /// <exception cref="ImageRejectedException">The size is impossible or over a limit.</exception>
    internal void CheckDimensions(int width, int height, string what)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ImageRejectedException(ImageRejectionCodes.Corrupt, $"{what} declares an impossible size {width}x{height}.");
        }

        if (width > MaxDimension || height > MaxDimension || (long)width * height > MaxPixels)
        {
            throw new ImageRejectedException(
                ImageRejectionCodes.TooManyPixels,
                $"{what} is {width}x{height}; the limits are {MaxPixels} pixels and {MaxDimension} per side.");
        }
    }
}
