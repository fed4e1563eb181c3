using System.Buffers.Binary;

namespace Vfip.Fingerprinting.Decoding;

/// <summary>
/// Walks JPEG marker segments from SOI to EOI without decoding anything. ImageSharp's JPEG
/// decoder returns a partly grey image for a truncated file instead of failing, so "did it
/// decode" says nothing about integrity; a complete marker walk does. Bytes after EOI are
/// allowed because many cameras and editors append padding or trailers.
/// </summary>
internal static class JpegStructure
{
    public static void Validate(ReadOnlySpan<byte> data, int maxScans)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw new StructureException("JPEG does not start with SOI.");
        }

        var pos = 2;
        var sawFrame = false;
        var scans = 0;
        while (true)
        {
            if (pos >= data.Length || data[pos] != 0xFF)
            {
                throw new StructureException("JPEG marker expected but not found (truncated or garbage between segments).");
            }

            // 0xFF fill bytes may precede any marker.
            while (pos < data.Length && data[pos] == 0xFF)
            {
                pos++;
            }

            if (pos >= data.Length)
            {
                throw new StructureException("JPEG ends inside a marker.");
            }

            var marker = data[pos++];
            if (marker == 0xD9)
            {
                if (!sawFrame || scans == 0)
                {
                    throw new StructureException("JPEG has no frame or no scan.");
                }

                return;
            }

            if (marker is 0xD8 or 0x00)
            {
                throw new StructureException("JPEG has an unexpected marker.");
            }

            if (marker is (>= 0xD0 and <= 0xD7) or 0x01)
            {
                continue; // standalone markers carry no length
            }

            if (pos + 2 > data.Length)
            {
                throw new StructureException("JPEG ends inside a segment header.");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length)
            {
                throw new StructureException("JPEG segment runs past the end of the file.");
            }

            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                sawFrame = true;
            }

            pos += length;
            if (marker != 0xDA)
            {
                continue;
            }

            if (!sawFrame)
            {
                throw new StructureException("JPEG scan before frame header.");
            }

            if (++scans > maxScans)
            {
                throw new StructureException($"JPEG has more than {maxScans} scans.");
            }

            pos = SkipEntropyCodedData(data, pos);
        }
    }

    /// <summary>Returns the offset of the next real marker after entropy-coded data.</summary>
    private static int SkipEntropyCodedData(ReadOnlySpan<byte> data, int pos)
    {
        while (true)
        {
            var rel = data[pos..].IndexOf((byte)0xFF);
            if (rel < 0)
            {
                throw new StructureException("JPEG scan data is truncated.");
            }

            var ff = pos + rel;
            if (ff + 1 >= data.Length)
            {
                throw new StructureException("JPEG scan data is truncated.");
            }

            var next = data[ff + 1];
            if (next == 0x00 || next is >= 0xD0 and <= 0xD7)
            {
                pos = ff + 2; // stuffed byte or restart marker: still inside the scan
            }
            else if (next == 0xFF)
            {
                pos = ff + 1;
            }
            else
            {
                return ff;
            }
        }
    }
}
