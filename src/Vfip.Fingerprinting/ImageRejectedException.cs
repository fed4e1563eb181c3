namespace Vfip.Fingerprinting;

/// <summary>
/// An upload was refused. <see cref="Code"/> is stable and snake_case (see
/// <see cref="ImageRejectionCodes"/>) so the API can put it in ProblemDetails unchanged; the
/// message is for humans and may change.
/// </summary>
public sealed class ImageRejectedException(string code, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Stable machine-readable reason, e.g. <c>image_corrupt</c>.</summary>
    public string Code { get; } = code;
}

/// <summary>The codes carried by <see cref="ImageRejectedException.Code"/>.</summary>
public static class ImageRejectionCodes
{
    /// <summary>No bytes at all.</summary>
    public const string Empty = "image_empty";

    /// <summary>More bytes than <see cref="ImageLimits.MaxBytes"/>.</summary>
    public const string TooLarge = "image_too_large";

    /// <summary>Declared dimensions exceed <see cref="ImageLimits.MaxPixels"/> or <see cref="ImageLimits.MaxDimension"/>.</summary>
    public const string TooManyPixels = "image_too_many_pixels";

    /// <summary>Not PNG, JPEG, WebP or GIF judged by content, or a variant of them that is not supported.</summary>
    public const string UnsupportedFormat = "unsupported_image_format";

    /// <summary>Structurally broken, truncated, or not decodable.</summary>
    public const string Corrupt = "image_corrupt";
}
