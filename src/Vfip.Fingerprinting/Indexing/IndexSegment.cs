using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vfip.Fingerprinting.Indexing;

/// <summary>
/// One posting of a substring table: the entry number plus 96 other bits of its hash (all of one
/// word and the low half of another, both untouched by the substring). Their popcount distance is
/// a lower bound on the full distance; for an unrelated hash it is ≤ 31 with probability 3.4e-4,
/// so almost every non-match is rejected while streaming through the bucket, without a random
/// access to the entry's full hash. 16 bytes: four postings per cache line, aligned.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct Posting(ulong partA, uint partB, int entry)
{
    public readonly ulong PartA = partA;
    public readonly uint PartB = partB;
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
            var off = GC.AllocateUninitializedArray<int>(size + 1);
            HugePages.Advise(off);
            Array.Clear(off);
            var post = GC.AllocateUninitializedArray<Posting>(count);
            HugePages.Advise(post);
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
                post[--off[key]] = new Posting(hashes[h + wordA], (uint)hashes[h + wordB], i);
            }

            offsets[j] = off;
            postings[j] = post;
        });

        return new IndexSegment(layout, hashes, ids, count, offsets, postings);
    }
}

/// <summary>
/// Asks Linux to back a large array with 2 MiB transparent huge pages (MADV_HUGEPAGE), before its
/// pages are first touched. Every probe of the index lands on a random page of hundreds of MB of
/// postings; with 4 KiB pages each such access also misses the TLB and walks the page tables, and
/// huge pages remove most of that. Only a hint: ignored where unsupported or when THP is "never",
/// and harmless if the GC ever moved the array (large arrays are not compacted by default).
/// </summary>
internal static partial class HugePages
{
    private const int MadviseHugePage = 14;
    private const long HugePageSize = 2 << 20;

    /// <summary>Benchmark hook: builds after setting this to false use ordinary pages.</summary>
    internal static bool Enabled { get; set; } = true;

    public static unsafe void Advise<T>(T[] array)
        where T : unmanaged
    {
        if (!Enabled || !OperatingSystem.IsLinux() || (long)array.Length * sizeof(T) < 2 * HugePageSize)
        {
            return;
        }

        var start = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        var end = start + ((long)array.Length * sizeof(T));
        var alignedStart = (start + HugePageSize - 1) & ~(HugePageSize - 1);
        var alignedEnd = end & ~(HugePageSize - 1);
        if (alignedEnd > alignedStart)
        {
            try
            {
                _ = Madvise((nint)alignedStart, (nuint)(alignedEnd - alignedStart), MadviseHugePage);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Not glibc/musl: no hint.
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);
}
