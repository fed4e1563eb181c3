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
public sealed record ImageLimits(
    long MaxBytes = 20_000_000,
    long MaxPixels = 40_000_000,
    int MaxDimension = 30_000,
    int MaxJpegScans = 100)
{
    /// <summary>The limits the service uses unless configured otherwise.</summary>
    public static ImageLimits Default { get; } = new();
}
