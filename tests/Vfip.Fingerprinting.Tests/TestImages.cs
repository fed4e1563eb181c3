using System.Buffers.Binary;
using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.PixelFormats;

namespace Vfip.Fingerprinting.Tests;

/// <summary>Builds test images in memory, so the limit tests do not depend on fixture files.</summary>
internal static class TestImages
{
    /// <summary>An asymmetric block pattern: rotations and flips of it hash far apart.</summary>
    public static Image<Rgba32> Pattern(int width, int height, Rgba32 background, int seed = 1)
    {
        var image = new Image<Rgba32>(width, height, background);
        var random = new Random(seed);
        var palette = new[] { new Rgba32(20, 20, 20), new Rgba32(200, 30, 30), new Rgba32(30, 30, 200), new Rgba32(30, 160, 30) };
        for (var n = 0; n < 6; n++)
        {
            int x0 = random.Next(width * 3 / 4), y0 = random.Next(height * 3 / 4);
            int w = random.Next(width / 8, width / 3), h = random.Next(height / 8, height / 3);
            var color = palette[n % palette.Length];
            FillRectangle(image, x0, y0, w, h, color);
        }

        // A bar in the top-left corner so even symmetric layouts have an orientation.
        FillRectangle(image, 0, 0, width / 2, height / 10, palette[0]);
        return image;
    }

    public static void FillRectangle(Image<Rgba32> image, int x0, int y0, int w, int h, Rgba32 color)
    {
        image.ProcessPixelRows(a =>
        {
            for (var y = y0; y < Math.Min(y0 + h, a.Height); y++)
            {
                a.GetRowSpan(y).Slice(x0, Math.Min(w, a.Width - x0)).Fill(color);
            }
        });
    }

    public static Image<Rgba32> Noise(int width, int height, int seed = 7)
    {
        var image = new Image<Rgba32>(width, height);
        var random = new Random(seed);
        image.ProcessPixelRows(a =>
        {
            for (var y = 0; y < a.Height; y++)
            {
                foreach (ref var p in a.GetRowSpan(y))
                {
                    p = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                }
            }
        });
        return image;
    }

    public static byte[] Encode(Image image, IImageEncoder encoder)
    {
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }

    /// <summary>A syntactically valid PNG whose IHDR declares <paramref name="width"/>×<paramref name="height"/> RGBA but carries almost no data.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        WriteChunk(stream, "IHDR", ihdr);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(new byte[1024]);
            }

            WriteChunk(stream, "IDAT", compressed.ToArray());
        }

        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, header[4..]);
        stream.Write(header);
        stream.Write(data);
        var crcInput = new byte[4 + data.Length];
        header[4..].CopyTo(crcInput);
        data.CopyTo(crcInput, 4);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(crcInput));
        stream.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>
    /// A GIF89a of a <paramref name="screenWidth"/>×<paramref name="screenHeight"/> logical screen
    /// with one tiny, empty image per descriptor in <paramref name="frames"/> (left, top, width,
    /// height as declared): a hundred bytes that can claim any frame size.
    /// </summary>
    public static byte[] GifDeclaring(int screenWidth, int screenHeight, params (int Left, int Top, int Width, int Height)[] frames)
    {
        using var stream = new MemoryStream();
        stream.Write("GIF89a"u8);
        void Write16(int value)
        {
            stream.WriteByte((byte)value);
            stream.WriteByte((byte)(value >> 8));
        }

        Write16(screenWidth);
        Write16(screenHeight);
        stream.Write([0x80, 0, 0]); // global colour table of 2 entries, background 0, no aspect
        stream.Write([0, 0, 0, 255, 255, 255]);
        foreach (var (left, top, width, height) in frames)
        {
            stream.WriteByte(0x2C);
            Write16(left);
            Write16(top);
            Write16(width);
            Write16(height);
            stream.WriteByte(0); // no local colour table, not interlaced
            stream.WriteByte(2); // LZW minimum code size
            stream.Write([1, 0x2C, 0]); // one sub-block: clear code, end-of-information; terminator
        }

        stream.WriteByte(0x3B);
        return stream.ToArray();
    }

    /// <summary>
    /// An animated WebP (VP8X + ANIM + one ANMF per frame) built from lossless stills, since
    /// ImageSharp 2.1 cannot write animations.
    /// </summary>
    public static byte[] AnimatedWebp(int width, int height, params byte[][] losslessStills)
    {
        using var body = new MemoryStream();
        body.Write("WEBP"u8);
        var vp8x = new byte[10];
        vp8x[0] = 0x02 | 0x10; // animation + alpha
        WriteUInt24(vp8x.AsSpan(4), width - 1);
        WriteUInt24(vp8x.AsSpan(7), height - 1);
        WriteRiffChunk(body, "VP8X", vp8x);
        WriteRiffChunk(body, "ANIM", [255, 255, 255, 255, 0, 0]);
        foreach (var still in losslessStills)
        {
            var vp8l = ExtractChunk(still, "VP8L");
            var anmf = new byte[16 + vp8l.Length];
            WriteUInt24(anmf.AsSpan(6), width - 1);
            WriteUInt24(anmf.AsSpan(9), height - 1);
            WriteUInt24(anmf.AsSpan(12), 100); // duration ms
            vp8l.CopyTo(anmf, 16);
            WriteRiffChunk(body, "ANMF", anmf);
        }

        var payload = body.ToArray();
        var file = new byte[8 + payload.Length];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(file, 8);
        return file;
    }

    /// <summary>Returns a whole chunk (header, payload, pad) of a simple WebP file.</summary>
    private static byte[] ExtractChunk(byte[] webp, string type)
    {
        var pos = 12;
        while (pos + 8 <= webp.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(pos + 4));
            var total = 8 + size + (size & 1);
            if (System.Text.Encoding.ASCII.GetString(webp, pos, 4) == type)
            {
                return webp.AsSpan(pos, total).ToArray();
            }

            pos += total;
        }

        throw new InvalidOperationException($"No {type} chunk.");
    }

    private static void WriteRiffChunk(Stream stream, string type, byte[] payload)
    {
        Span<byte> header = stackalloc byte[8];
        System.Text.Encoding.ASCII.GetBytes(type, header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)payload.Length);
        stream.Write(header);
        stream.Write(payload);
        if ((payload.Length & 1) != 0)
        {
            stream.WriteByte(0);
        }
    }

    private static void WriteUInt24(Span<byte> b, int value)
    {
        b[0] = (byte)value;
        b[1] = (byte)(value >> 8);
        b[2] = (byte)(value >> 16);
    }
}
