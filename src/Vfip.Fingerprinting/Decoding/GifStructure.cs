using System.Buffers.Binary;

namespace Vfip.Fingerprinting.Decoding;

/// <summary>
/// Walks GIF blocks to the trailer (0x3B). Cheap (it jumps over data sub-blocks) and catches
/// truncation, which ImageSharp's tolerant decoder would otherwise paper over. It also holds every
/// frame to its logical screen and to the limits: ImageSharp checks only the screen (that is what
/// <c>Identify</c> reports), yet sizes its work by the frame's own descriptor, so a 16×16 screen
/// could carry a 65535×4800 frame.
/// </summary>
internal static class GifStructure
{
    /// <exception cref="StructureException">The file is truncated, malformed, has a frame outside its screen or too many frames.</exception>
    /// <exception cref="ImageRejectedException">A frame on its own is over the pixel or dimension limit.</exception>
    public static void Validate(ReadOnlySpan<byte> data, ImageLimits limits)
    {
        if (data.Length < 13)
        {
            throw new StructureException("GIF header is truncated.");
        }

        int screenWidth = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        int screenHeight = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]);
        var packed = data[10];
        var pos = 13;
        if ((packed & 0x80) != 0)
        {
            pos += 3 << ((packed & 7) + 1);
        }

        var frames = 0;
        while (true)
        {
            if (pos >= data.Length)
            {
                throw new StructureException("GIF ends before its trailer (truncated).");
            }

            var block = data[pos++];
            switch (block)
            {
                case 0x3B:
                    if (frames == 0)
                    {
                        throw new StructureException("GIF has no image.");
                    }

                    return;
                case 0x21:
                    pos++; // extension label
                    pos = SkipSubBlocks(data, pos);
                    break;
                case 0x2C:
                    if (pos + 9 > data.Length)
                    {
                        throw new StructureException("GIF image descriptor is truncated.");
                    }

                    if (++frames > limits.MaxFrames)
                    {
                        throw new StructureException($"GIF has more than {limits.MaxFrames} frames.");
                    }

                    int left = BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]);
                    int top = BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 2)..]);
                    int width = BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 4)..]);
                    int height = BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 6)..]);
                    if (width == 0 || height == 0)
                    {
                        throw new StructureException("GIF frame has zero size.");
                    }

                    limits.CheckDimensions(width, height, $"GIF frame {frames}");
                    if (left + width > screenWidth || top + height > screenHeight)
                    {
                        throw new StructureException(
                            $"GIF frame {frames} ({width}x{height} at {left},{top}) does not fit its {screenWidth}x{screenHeight} screen.");
                    }

                    var framePacked = data[pos + 8];
                    pos += 9;
                    if ((framePacked & 0x80) != 0)
                    {
                        pos += 3 << ((framePacked & 7) + 1);
                    }

                    pos++; // LZW minimum code size
                    pos = SkipSubBlocks(data, pos);
                    break;
                default:
                    throw new StructureException($"GIF has an unknown block 0x{block:X2}.");
            }
        }
    }

    private static int SkipSubBlocks(ReadOnlySpan<byte> data, int pos)
    {
        while (true)
        {
            if (pos >= data.Length)
            {
                throw new StructureException("GIF data block is truncated.");
            }

            var size = data[pos++];
            if (size == 0)
            {
                return pos;
            }

            pos += size;
        }
    }
}
