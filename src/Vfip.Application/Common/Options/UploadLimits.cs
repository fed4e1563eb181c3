namespace Vfip.Application.Common.Options;

/// <summary>
/// What one registration may upload (configuration section <c>Uploads</c>). Uploads are hostile until
/// proven otherwise: these limits are checked before any byte is decoded.
/// </summary>
public sealed class UploadLimits
{
    public const string Section = "Uploads";

    /// <summary>Largest accepted image file, in bytes (default 20 MB).</summary>
    public long MaxImageBytes { get; set; } = 20_000_000;

    /// <summary>Largest accepted image, in pixels (default 40 megapixels), read from the header before decoding.</summary>
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Most images in one design (default 8).</summary>
    public int MaxImagesPerDesign { get; set; } = 8;

    /// <summary>Largest metadata JSON part, in bytes (default 64 KiB).</summary>
    public int MaxMetadataBytes { get; set; } = 64 * 1024;
}
