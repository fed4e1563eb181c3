using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Vfip.Fingerprinting;

/// <summary>
/// A 256-bit PDQ perceptual hash. Bit <c>k = 16·i + j</c> is set when DCT coefficient (i, j)
/// exceeds the median; the hex form prints bit 255 first, exactly as PDQ's own tools do, so
/// hashes can be exchanged with ThreatExchange and other PDQ implementations.
/// </summary>
public readonly struct PdqHash : IEquatable<PdqHash>
{
    /// <summary>Number of hex digits in <see cref="ToHex"/>.</summary>
    public const int HexLength = 64;

    // _w0 holds bits 0..63, _w3 bits 192..255.
    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    private PdqHash(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        _w0 = w0;
        _w1 = w1;
        _w2 = w2;
        _w3 = w3;
    }

    /// <summary>Builds a hash from its 32-byte big-endian form (the order of <see cref="ToBytes"/>).</summary>
    public static PdqHash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException("A PDQ hash is exactly 32 bytes.", nameof(bytes));
        }

        return new PdqHash(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    /// <summary>Parses exactly 64 hex digits (either case).</summary>
    /// <exception cref="FormatException">Not 64 hex digits.</exception>
    public static PdqHash Parse(string hex) =>
        TryParse(hex, out var hash) ? hash : throw new FormatException("A PDQ hash is exactly 64 hexadecimal digits.");

    /// <summary>Parses exactly 64 hex digits (either case); no prefix, no whitespace.</summary>
    public static bool TryParse(string? hex, out PdqHash hash)
    {
        hash = default;
        if (hex is null || hex.Length != HexLength)
        {
            return false;
        }

        Span<ulong> words = stackalloc ulong[4];
        for (var i = 0; i < 4; i++)
        {
            if (!ulong.TryParse(hex.AsSpan(i * 16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[3 - i]))
            {
                return false;
            }
        }

        hash = new PdqHash(words[0], words[1], words[2], words[3]);
        return true;
    }

    /// <summary>64 lower-case hex digits, most significant bit (bit 255) first.</summary>
    public string ToHex() => string.Create(HexLength, this, static (span, h) =>
    {
        h._w3.TryFormat(span, out _, "x16", CultureInfo.InvariantCulture);
        h._w2.TryFormat(span[16..], out _, "x16", CultureInfo.InvariantCulture);
        h._w1.TryFormat(span[32..], out _, "x16", CultureInfo.InvariantCulture);
        h._w0.TryFormat(span[48..], out _, "x16", CultureInfo.InvariantCulture);
    });

    /// <summary>32 bytes in the same order as the hex digits.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, _w3);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), _w2);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(16), _w1);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(24), _w0);
        return bytes;
    }

    /// <summary>Hamming distance (0..256). PDQ's usual match threshold is 31; near-duplicates are ≤ 10.</summary>
    public int DistanceTo(PdqHash other) =>
        BitOperations.PopCount(_w0 ^ other._w0) + BitOperations.PopCount(_w1 ^ other._w1)
        + BitOperations.PopCount(_w2 ^ other._w2) + BitOperations.PopCount(_w3 ^ other._w3);

    /// <summary>Number of set bits; a hash of a flat image is all zero.</summary>
    public int BitCount =>
        BitOperations.PopCount(_w0) + BitOperations.PopCount(_w1) + BitOperations.PopCount(_w2) + BitOperations.PopCount(_w3);

    /// <summary>Whether bit <paramref name="index"/> (0..255) is set.</summary>
    public bool GetBit(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 255);
        var word = (index >> 6) switch { 0 => _w0, 1 => _w1, 2 => _w2, _ => _w3 };
        return ((word >> (index & 63)) & 1) != 0;
    }

    internal static PdqHash FromWords(ReadOnlySpan<ulong> words) => new(words[0], words[1], words[2], words[3]);

    // Raw words for Indexing.HashIndex, which stores hashes as flat ulong arrays to stay lean at 10M entries.
    internal ulong W0 => _w0;

    internal ulong W1 => _w1;

    internal ulong W2 => _w2;

    internal ulong W3 => _w3;

    internal static PdqHash FromWords(ulong w0, ulong w1, ulong w2, ulong w3) => new(w0, w1, w2, w3);

    /// <inheritdoc />
    public bool Equals(PdqHash other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PdqHash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);

    /// <inheritdoc />
    public override string ToString() => ToHex();

    /// <summary>Equality of all 256 bits.</summary>
    public static bool operator ==(PdqHash left, PdqHash right) => left.Equals(right);

    /// <summary>Inequality of any bit.</summary>
    public static bool operator !=(PdqHash left, PdqHash right) => !left.Equals(right);
}
