using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Vfip.Api.Tests.Support;

/// <summary>
/// Images made on the spot, each one different: tests share one chain and one database, so every test
/// registers content nobody registered before.
/// </summary>
internal static class TestImages
{
    private static int _seed = Environment.ProcessId * 1000;

    /// <summary>A PNG of coloured blocks, unique to this call.</summary>
    public static byte[] UniquePng(int width = 256, int height = 192) => Encode(Blocks(width, height), new PngEncoder());

    /// <summary>A JPEG of coloured blocks, unique to this call.</summary>
    public static byte[] UniqueJpeg(int width = 320, int height = 240) => Encode(Blocks(width, height), new JpegEncoder { Quality = 90 });

    /// <summary>The same picture in other bytes: decoded and saved again as a JPEG.</summary>
    public static byte[] AsJpeg(byte[] image)
    {
        using var decoded = Image.Load<Rgba32>(image);
        return Encode(decoded.Clone(), new JpegEncoder { Quality = 85 });
    }

    /// <summary>The picture turned a quarter clockwise.</summary>
    public static byte[] RotatedClockwise(byte[] image)
    {
        var decoded = Image.Load<Rgba32>(image);
        decoded.Mutate(x => x.Rotate(RotateMode.Rotate90));
        return Encode(decoded, new PngEncoder());
    }

    /// <summary>One colour all over: nothing to match on.</summary>
    public static byte[] Flat(int width = 200, int height = 200) =>
        Encode(new Image<Rgba32>(width, height, new Rgba32(120, 130, 140)), new PngEncoder());

    /// <summary>
    /// A valid PNG signature and header that declares <paramref name="width"/> x <paramref name="height"/>
    /// pixels, with no pixel data: it must be refused from its header alone.
    /// </summary>
    public static byte[] PngHeaderDeclaring(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        WriteChunk(stream, "IHDR", header);
        WriteChunk(stream, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    /// <summary>
    /// A 34-byte GIF whose 16x16 logical screen passes every limit while its one frame declares
    /// 65535x4800 pixels: the screen is all ImageSharp checks.
    /// </summary>
    public static byte[] GifWithFrameLargerThanItsScreen() =>
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, // GIF89a
        0x10, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, // 16x16 screen, 2-colour global table
        0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0x2C, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xC0, 0x12, 0x00, // frame at 0,0 of 65535x4800
        0x02, 0x01, 0x2C, 0x00, // LZW: clear, end of information
        0x3B,
    ];

    private static Image<Rgba32> Blocks(int width, int height)
    {
        var random = new Random(Interlocked.Increment(ref _seed));
        var image = new Image<Rgba32>(width, height);
        const int block = 16;
        image.ProcessPixelRows(rows =>
        {
            var colours = new Rgba32[(width / block) + 1, (height / block) + 1];
            for (var x = 0; x < colours.GetLength(0); x++)
            {
                for (var y = 0; y < colours.GetLength(1); y++)
                {
                    colours[x, y] = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                }
            }

            for (var y = 0; y < height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < width; x++)
                {
                    row[x] = colours[x / block, y / block];
                }
            }
        });
        return image;
    }

    private static byte[] Encode(Image<Rgba32> image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using (image)
        {
            using var stream = new MemoryStream();
            image.Save(stream, encoder);
            return stream.ToArray();
        }
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        stream.Write(crc);
    }

    // PNG's CRC-32 (IEEE 802.3), bit by bit: a few bytes per test, so speed does not matter.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
