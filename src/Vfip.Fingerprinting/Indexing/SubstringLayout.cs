using System.Numerics;

namespace Vfip.Fingerprinting.Indexing;

/// <summary>
/// How the 256 hash bits are cut into m contiguous substrings for multi-index hashing, and how far
/// each substring table is probed for a given query radius.
/// </summary>
internal sealed class SubstringLayout
{
    /// <summary>Longest substring we allow: a direct-addressed table of 2^24 int offsets is 64 MB.</summary>
    internal const int MaxBits = 24;

    private static readonly uint[]?[] s_balls = new uint[]?[(MaxBits + 1) * (MaxBits + 1)];

    private SubstringLayout(int count)
    {
        Count = count;
        Start = new int[count];
        Length = new int[count];
        var start = 0;
        for (var j = 0; j < count; j++)
        {
            // Longer substrings first: 256 = q·m + rem, the first rem substrings get q+1 bits.
            Length[j] = (256 / count) + (j < 256 % count ? 1 : 0);
            Start[j] = start;
            start += Length[j];
        }
    }

    public int Count { get; }

    public int[] Start { get; }

    public int[] Length { get; }

    public static SubstringLayout Create(int substringCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(substringCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(substringCount, 256);
        if ((256 + substringCount - 1) / substringCount > MaxBits)
        {
            throw new ArgumentOutOfRangeException(nameof(substringCount), $"Substrings longer than {MaxBits} bits are not supported.");
        }

        return new SubstringLayout(substringCount);
    }

    /// <summary>
    /// Norouzi et al. use about log2(n) bits per substring, balancing table probes against
    /// candidates when both cost a cache miss. Our candidates are streamed from the bucket and
    /// mostly rejected from inline bits (see <see cref="Posting"/>), so they are much cheaper than a
    /// probe (two dependent random accesses): 4 bits fewer measured best — m = 16 (16-bit
    /// substrings, 17 probes each) at 1M, m = 13 at 10M, with a flat optimum within ±1–2 of that
    /// (docs/benchmarks.md). The floor keeps the per-substring probe radius ≤ 3 at
    /// <paramref name="maxRadius"/>, so the enumerated Hamming balls stay small; the 24-bit cap
    /// bounds the offset tables.
    /// </summary>
    public static int ChooseCount(long entries, int maxRadius)
    {
        var log2 = Math.Clamp(Math.Log2(Math.Max(entries, 2)) - 4, 8, MaxBits);
        var m = (int)Math.Round(256 / log2);
        m = Math.Max(m, (256 + MaxBits - 1) / MaxBits);
        m = Math.Max(m, (maxRadius / 4) + 1);
        return Math.Min(m, 256);
    }

    /// <summary>
    /// Probe radius of substring <paramref name="j"/> for query radius <paramref name="radius"/>, or -1
    /// when it need not be probed. With r = s·m + a, a stored hash within r of the query has one of
    /// the first a+1 substrings within s, or one of the others within s−1 (else its distance would be
    /// at least (a+1)(s+1) + (m−a−1)s = r+1).
    /// </summary>
    public int ProbeRadius(int j, int radius)
    {
        var s = radius / Count;
        return j <= radius % Count ? s : s - 1;
    }

    /// <summary>
    /// The XOR masks of every key within Hamming distance <paramref name="radius"/> of a
    /// <paramref name="bits"/>-bit key (the key itself first), computed once per (bits, radius) and
    /// shared: probing a ball is then <c>key ^ mask[k]</c>, with no recursion or allocation per query.
    /// </summary>
    public static uint[] Ball(int bits, int radius)
    {
        radius = Math.Min(radius, bits);
        var slot = (bits * (MaxBits + 1)) + radius;
        if (Volatile.Read(ref s_balls[slot]) is { } cached)
        {
            return cached;
        }

        long size = 0, choose = 1;
        for (var k = 0; k <= radius; k++)
        {
            size += choose;
            choose = choose * (bits - k) / (k + 1);
        }

        var masks = new uint[size];
        var written = 0;
        FillBall(masks, ref written, 0, 0, bits, radius);
        return Interlocked.CompareExchange(ref s_balls[slot], masks, null) ?? masks;
    }

    /// <summary>
    /// The two hash words substring <paramref name="j"/> does not touch (it spans at most two adjacent
    /// words): a <see cref="Posting"/> keeps all of the first and the low 32 bits of the second.
    /// </summary>
    public (int WordA, int WordB) PartialWords(int j)
    {
        var first = Start[j] >> 6;
        return ((first + 2) & 3, (first + 3) & 3);
    }

    public uint Extract(ulong w0, ulong w1, ulong w2, ulong w3, int j)
    {
        var start = Start[j];
        var length = Length[j];
        var off = start & 63;
        var value = Word(w0, w1, w2, w3, start >> 6) >> off;
        if (off + length > 64)
        {
            value |= Word(w0, w1, w2, w3, (start >> 6) + 1) << (64 - off);
        }

        return (uint)(value & ((1UL << length) - 1));
    }

    public int SubstringDistance(ulong x0, ulong x1, ulong x2, ulong x3, int j) =>
        BitOperations.PopCount(Extract(x0, x1, x2, x3, j));

    /// <summary>Writes every mask of at most <paramref name="remaining"/> bits, all ≥ <paramref name="fromBit"/>, exactly once.</summary>
    private static void FillBall(uint[] masks, ref int written, uint mask, int fromBit, int bits, int remaining)
    {
        masks[written++] = mask;
        if (remaining == 0)
        {
            return;
        }

        for (var b = fromBit; b < bits; b++)
        {
            FillBall(masks, ref written, mask ^ (1u << b), b + 1, bits, remaining - 1);
        }
    }

    private static ulong Word(ulong w0, ulong w1, ulong w2, ulong w3, int index) =>
        index switch { 0 => w0, 1 => w1, 2 => w2, _ => w3 };
}
