using System.Buffers.Binary;
using System.Numerics;
using Vfip.Fingerprinting;

namespace Vfip.Benchmarks;

/// <summary>How the stored hashes are distributed.</summary>
public enum Distribution
{
    /// <summary>Independent uniform random 256-bit hashes.</summary>
    Uniform,

    /// <summary>80% near-copies (0..20 bits) of 5,000 centres, 20% uniform noise: a registry full of near-duplicate variants.</summary>
    Clustered,
}

/// <summary>A deterministic set of stored hashes, kept both as <see cref="PdqHash"/> and as flat words for the linear scan.</summary>
internal sealed class HashData
{
    public const int Centres = 5_000;
    public const int MaxCopyDistance = 20;

    private HashData(PdqHash[] hashes, ulong[] words)
    {
        Hashes = hashes;
        Words = words;
    }

    public PdqHash[] Hashes { get; }

    /// <summary>Hash i is words [4i, 4i+4): the same bits as <see cref="Hashes"/>, so distances agree.</summary>
    public ulong[] Words { get; }

    public static HashData Create(int count, Distribution distribution, int seed)
    {
        var rng = new Random(seed);
        var words = new ulong[count * 4];
        var centres = new ulong[Centres * 4];
        FillRandom(rng, centres);
        for (var i = 0; i < count; i++)
        {
            var target = words.AsSpan(i * 4, 4);
            if (distribution == Distribution.Clustered && rng.Next(5) != 0)
            {
                centres.AsSpan(rng.Next(Centres) * 4, 4).CopyTo(target);
                Flip(target, rng.Next(MaxCopyDistance + 1), rng);
            }
            else
            {
                FillRandom(rng, target);
            }
        }

        var hashes = new PdqHash[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = ToHash(words.AsSpan(i * 4, 4));
        }

        return new HashData(hashes, words);
    }

    /// <summary>
    /// An identify request: eight query hashes as the eight dihedral variants of an upload would be.
    /// Variant 0 is a copy of a stored hash at distance 0..16 (the upload is registered), the other
    /// seven are unrelated random hashes (a rotated garment photo does not resemble other designs).
    /// </summary>
    public (PdqHash[] Hashes, ulong[] Words) IdentifyQuery(Random rng)
    {
        var words = new ulong[32];
        Words.AsSpan(rng.Next(Hashes.Length) * 4, 4).CopyTo(words);
        Flip(words.AsSpan(0, 4), rng.Next(17), rng);
        FillRandom(rng, words.AsSpan(4));
        var hashes = new PdqHash[8];
        for (var k = 0; k < 8; k++)
        {
            hashes[k] = ToHash(words.AsSpan(k * 4, 4));
        }

        return (hashes, words);
    }

    /// <summary>
    /// The baseline: a sequential popcount pass over all stored hashes per query hash (the PDQ
    /// reference's linear scan), then the union of the hits. Returns the number of distinct hits.
    /// </summary>
    public int LinearScan(ulong[] queryWords, int radius)
    {
        var stored = Words;
        var hits = new List<int>();
        for (var q = 0; q < queryWords.Length; q += 4)
        {
            ulong a0 = queryWords[q], a1 = queryWords[q + 1], a2 = queryWords[q + 2], a3 = queryWords[q + 3];
            for (var h = 0; h + 3 < stored.Length; h += 4)
            {
                var d = BitOperations.PopCount(stored[h] ^ a0) + BitOperations.PopCount(stored[h + 1] ^ a1)
                    + BitOperations.PopCount(stored[h + 2] ^ a2) + BitOperations.PopCount(stored[h + 3] ^ a3);
                if (d <= radius)
                {
                    hits.Add(h);
                }
            }
        }

        hits.Sort();
        var distinct = 0;
        for (var i = 0; i < hits.Count; i++)
        {
            if (i == 0 || hits[i] != hits[i - 1])
            {
                distinct++;
            }
        }

        return distinct;
    }

    private static void FillRandom(Random rng, Span<ulong> target)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63);
        }
    }

    private static void Flip(Span<ulong> hash, int bits, Random rng)
    {
        Span<ulong> flipped = stackalloc ulong[4];
        flipped.Clear();
        for (var n = 0; n < bits;)
        {
            var bit = rng.Next(256);
            if ((flipped[bit >> 6] & (1UL << bit)) == 0)
            {
                flipped[bit >> 6] |= 1UL << bit;
                hash[bit >> 6] ^= 1UL << bit;
                n++;
            }
        }
    }

    private static PdqHash ToHash(ReadOnlySpan<ulong> w)
    {
        // FromBytes is big-endian with word 3 first: this maps w[k] to the hash's word k.
        Span<byte> bytes = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, w[3]);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], w[2]);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], w[1]);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], w[0]);
        return PdqHash.FromBytes(bytes);
    }
}
