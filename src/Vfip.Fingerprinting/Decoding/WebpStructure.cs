using System.Buffers.Binary;

namespace Vfip.Fingerprinting.Decoding;

/// <summary>What the RIFF walk learned about a WebP file.</summary>
/// <param name="Animated">The VP8X animation flag is set.</param>
/// <param name="CanvasWidth">Canvas width from VP8X (0 for simple files; ImageSharp reports those).</param>
/// <param name="CanvasHeight">Canvas height from VP8X.</param>
/// <param name="FirstFrame">For animations, the first ANMF frame.</param>
internal sealed record WebpLayout(bool Animated, int CanvasWidth, int CanvasHeight, WebpFrame? FirstFrame);

/// <summary>One ANMF frame: placement on the canvas and where its image chunks are in the file.</summary>
internal sealed record WebpFrame(int X, int Y, int Width, int Height, int DataOffset, int DataLength);

/// <summary>
/// Walks the RIFF container of a WebP file. ImageSharp 2.1 cannot decode animated WebP at all
/// ("Animated webp are not yet supported"), so for animations this also locates the first frame,
/// which <see cref="WebpFirstFrame"/> rewraps as a still image.
/// </summary>
internal static class WebpStructure
{
    private const byte AnimationFlag = 0x02;

    public static WebpLayout Validate(ReadOnlySpan<byte> data, int maxFrames)
    {
        if (data.Length < 20)
        {
            throw new StructureException("WebP file is too short.");
        }

        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (riffSize + 8L != data.Length)
        {
            throw new StructureException($"WebP RIFF size {riffSize} does not match the {data.Length}-byte file (truncated or padded).");
        }

        var animated = false;
        int canvasWidth = 0, canvasHeight = 0;
        WebpFrame? firstFrame = null;
        var sawImage = false;
        var frames = 0;
        var pos = 12;
        var firstChunk = true;
        while (pos < data.Length)
        {
            var (type, payloadOffset, payloadLength) = ReadChunk(data, pos);
            var payload = data.Slice(payloadOffset, payloadLength);
            if (firstChunk && !(type is "VP8 " or "VP8L" or "VP8X"))
            {
                throw new StructureException("WebP does not start with VP8, VP8L or VP8X.");
            }

            firstChunk = false;
            switch (type)
            {
                case "VP8X":
                    if (payloadLength < 10)
                    {
                        throw new StructureException("WebP VP8X chunk is too short.");
                    }

                    animated = (payload[0] & AnimationFlag) != 0;
                    canvasWidth = ReadUInt24(payload[4..]) + 1;
                    canvasHeight = ReadUInt24(payload[7..]) + 1;
                    break;
                case "VP8 " or "VP8L":
                    sawImage = true;
                    break;
                case "ANMF":
                    if (payloadLength < 16 + 8)
                    {
                        throw new StructureException("WebP ANMF chunk is too short.");
                    }

                    if (++frames > maxFrames)
                    {
                        throw new StructureException($"Animated WebP has more than {maxFrames} frames.");
                    }

                    firstFrame ??= new WebpFrame(
                        X: ReadUInt24(payload) * 2,
                        Y: ReadUInt24(payload[3..]) * 2,
                        Width: ReadUInt24(payload[6..]) + 1,
                        Height: ReadUInt24(payload[9..]) + 1,
                        DataOffset: payloadOffset + 16,
                        DataLength: payloadLength - 16);
                    break;
            }

            pos = payloadOffset + payloadLength + (payloadLength & 1);
        }

        if (pos != data.Length)
        {
            throw new StructureException("WebP chunks do not end at the end of the file.");
        }

        if (animated)
        {
            if (firstFrame is null)
            {
                throw new StructureException("Animated WebP has no frame.");
            }

            return new WebpLayout(true, canvasWidth, canvasHeight, firstFrame);
        }

        if (!sawImage)
        {
            throw new StructureException("WebP has no image data.");
        }

        return new WebpLayout(false, canvasWidth, canvasHeight, null);
    }

    /// <summary>Reads one chunk header and checks that its payload (and pad byte) fit.</summary>
    internal static (string Type, int PayloadOffset, int PayloadLength) ReadChunk(ReadOnlySpan<byte> data, int pos)
    {
        if (pos + 8 > data.Length)
        {
            throw new StructureException("WebP chunk header is truncated.");
        }

        var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 4)..]);
        if (pos + 8L + size + (size & 1) > data.Length)
        {
            throw new StructureException("WebP chunk runs past the end of the file.");
        }

        var type = System.Text.Encoding.ASCII.GetString(data.Slice(pos, 4));
        return (type, pos + 8, (int)size);
    }

    internal static int ReadUInt24(ReadOnlySpan<byte> b) => b[0] | (b[1] << 8) | (b[2] << 16);
}
