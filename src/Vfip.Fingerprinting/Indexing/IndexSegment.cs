using System.Runtime.InteropServices;

namespace Vfip.Fingerprinting.Indexing;

/// <summary>
/// One posting of a substring table: the entry number plus 128 other bits of its hash (the two
/// words the substring does not touch). Their popcount distance is a lower bound on the full
/// distance, and for an unrelated hash it exceeds 31 with probability ~1e-9, so almost every
/// non-match is rejected while streaming through the bucket, without a random access to the
/// entry's full hash. Packed to 20 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly struct Posting(ulong partA, ulong partB, int entry)
{
    public readonly ulong PartA = partA;
    public readonly ulong PartB = partB;
    public readonly int Entry = entry;
}

/// <summary>
/// The bulk-built, read-only part of a <see cref="HashIndex"/>: hashes in one flat ulong array
/// (4 words per entry), ids beside them, and per substring a CSR table (offsets by substring
/// value, postings = entry numbers with part of their hash). Only the tombstone bits change after construction, and
/// only under the index's write lock.
/// </summary>
internal sealed class IndexSegment
{
    private IndexSegment(SubstringLayout layout, ulong[] hashes, long[] ids, int count, int[][] offsets, Posting[][] postings)
    {
        Layout = layout;
        Hashes = hashes;
        Ids = ids;
        Count = count;
        Offsets = offsets;
        Postings = postings;
        Deleted = new ulong[(count + 63) / 64];
    }

    public SubstringLayout Layout { get; }

    /// <summary>Entry i is words [4i, 4i+4).</summary>
    public ulong[] Hashes { get; }

    public long[] Ids { get; }

    public int Count { get; }

    public int[][] Offsets { get; }

    public Posting[][] Postings { get; }

    public ulong[] Deleted { get; }

    public int DeletedCount { get; set; }

    public int LiveCount => Count - DeletedCount;

    public bool IsDeleted(int entry) => (Deleted[entry >> 6] & (1UL << entry)) != 0;

    public void MarkDeleted(int entry)
    {
        Deleted[entry >> 6] |= 1UL << entry;
        DeletedCount++;
    }

    /// <summary>Builds the tables for the first <paramref name="count"/> entries (arrays are adopted, not copied).</summary>
    public static IndexSegment Build(SubstringLayout layout, ulong[] hashes, long[] ids, int count)
    {
        var offsets = new int[layout.Count][];
        var postings = new Posting[layout.Count][];

        // One counting sort per substring; they are independent, so use every core.
        Parallel.For(0, layout.Count, j =>
        {
            var size = 1 << layout.Length[j];
            var off = new int[size + 1];
            var post = new Posting[count];
            var (wordA, wordB) = layout.PartialWords(j);
            for (var i = 0; i < count; i++)
            {
                var h = i * 4;
                off[layout.Extract(hashes[h], hashes[h + 1], hashes[h + 2], hashes[h + 3], j)]++;
            }

            // Inclusive prefix sums (off[k] = end of bucket k), then a reverse fill that decrements
            // each end to its start: no second cursor array (that would be another 64 MB at 24 bits).
            var sum = 0;
            for (var k = 0; k < size; k++)
            {
                sum += off[k];
                off[k] = sum;
            }

            off[size] = count;
            for (var i = count - 1; i >= 0; i--)
            {
                var h = i * 4;
                var key = layout.Extract(hashes[h], hashes[h + 1], hashes[h + 2], hashes[h + 3], j);
                post[--off[key]] = new Posting(hashes[h + wordA], hashes[h + wordB], i);
            }

            offsets[j] = off;
            postings[j] = post;
        });

        return new IndexSegment(layout, hashes, ids, count, offsets, postings);
    }
}
