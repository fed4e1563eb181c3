using System.Buffers.Binary;

namespace Vfip.Fingerprinting.Decoding;

/// <summary>
/// Walks PNG chunks from the signature to IEND. A truncated PNG decodes "successfully" in
/// ImageSharp 2.x with the missing rows left blank, so the chunk chain is checked first.
/// </summary>
internal static class PngStructure
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Validate(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || !data[..8].SequenceEqual(Signature))
        {
            throw new StructureException("PNG signature missing.");
        }

        var pos = 8;
        var first = true;
        var sawData = false;
        while (true)
        {
            if (pos + 12 > data.Length)
            {
                throw new StructureException("PNG ends before IEND (truncated).");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            var type = data.Slice(pos + 4, 4);
            if (length > int.MaxValue || pos + 12L + length > data.Length)
            {
                throw new StructureException("PNG chunk runs past the end of the file.");
            }

            if (first && (!type.SequenceEqual("IHDR"u8) || length != 13))
            {
                throw new StructureException("PNG does not start with IHDR.");
            }

            first = false;
            if (type.SequenceEqual("IDAT"u8))
            {
                sawData = true;
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                if (!sawData)
                {
                    throw new StructureException("PNG has no image data.");
                }

                return; // bytes after IEND are ignored, as every viewer does
            }

            pos += 12 + (int)length;
        }
    }
}
