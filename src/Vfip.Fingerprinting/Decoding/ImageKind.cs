namespace Vfip.Fingerprinting.Decoding;

/// <summary>The formats we accept, sniffed from content (never from a file name or a client's content type).</summary>
internal enum ImageKind
{
    Png,
    Jpeg,
    Gif,
    Webp,
}

internal static class ImageKindExtensions
{
    public static string MediaType(this ImageKind kind) => kind switch
    {
        ImageKind.Png => "image/png",
        ImageKind.Jpeg => "image/jpeg",
        ImageKind.Gif => "image/gif",
        ImageKind.Webp => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool CanHaveAlpha(this ImageKind kind) => kind != ImageKind.Jpeg;

    public static ImageKind? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 8 && data[..8].SequenceEqual(PngStructure.Signature))
        {
            return ImageKind.Png;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ImageKind.Jpeg;
        }

        if (data.Length >= 6 && (data[..6].SequenceEqual("GIF87a"u8) || data[..6].SequenceEqual("GIF89a"u8)))
        {
            return ImageKind.Gif;
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageKind.Webp;
        }

        return null;
    }
}
