using System.Buffers.Binary;

namespace Vfip.Fingerprinting.Decoding;

/// <summary>
/// Rewraps the first frame of an animated WebP as a still WebP file, because ImageSharp 2.1
/// refuses animated WebP. The result is decoded by the ordinary (limited) path; the caller puts
/// it on the canvas at the frame's offset.
/// </summary>
internal static class WebpFirstFrame
{
    public static byte[] ToStillImage(ReadOnlySpan<byte> file, WebpFrame frame)
    {
        var frameData = file.Slice(frame.DataOffset, frame.DataLength);
        ReadOnlySpan<byte> alpha = default;
        ReadOnlySpan<byte> bitstream = default;
        var lossless = false;
        var pos = 0;
        while (pos < frameData.Length)
        {
            var (type, payloadOffset, payloadLength) = WebpStructure.ReadChunk(frameData, pos);
            var whole = frameData.Slice(pos, 8 + payloadLength + (payloadLength & 1));
            switch (type)
            {
                case "ALPH" when alpha.IsEmpty:
                    alpha = whole;
                    break;
                case "VP8 " or "VP8L" when bitstream.IsEmpty:
                    bitstream = whole;
                    lossless = type == "VP8L";
                    break;
            }

            pos = payloadOffset + payloadLength + (payloadLength & 1);
        }

        if (bitstream.IsEmpty)
        {
            throw new StructureException("Animated WebP's first frame has no image data.");
        }

        // Lossy frames keep their alpha in a separate ALPH chunk, which is only legal in a VP8X file.
        var needsExtended = !alpha.IsEmpty && !lossless;
        var extendedLength = needsExtended ? 8 + 10 + alpha.Length : 0;
        var output = new byte[12 + extendedLength + bitstream.Length];
        var span = output.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(output.Length - 8));
        "WEBP"u8.CopyTo(span[8..]);
        var at = 12;
        if (needsExtended)
        {
            "VP8X"u8.CopyTo(span[at..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], 10);
            span[at + 8] = 0x10; // alpha present
            WriteUInt24(span[(at + 12)..], frame.Width - 1);
            WriteUInt24(span[(at + 15)..], frame.Height - 1);
            at += 18;
            alpha.CopyTo(span[at..]);
            at += alpha.Length;
        }

        bitstream.CopyTo(span[at..]);
        return output;
    }

    private static void WriteUInt24(Span<byte> b, int value)
    {
        b[0] = (byte)value;
        b[1] = (byte)(value >> 8);
        b[2] = (byte)(value >> 16);
    }
}
