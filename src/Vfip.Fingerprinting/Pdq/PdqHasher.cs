using System.Buffers;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Vfip.Fingerprinting.Pdq;

/// <summary>PDQ hash, quality and (optionally) the seven other dihedral hashes of one image.</summary>
internal readonly record struct PdqResult(PdqHash Hash, int Quality, PdqDihedralHashes? Dihedral);

/// <summary>
/// PDQ as published by Facebook/ThreatExchange (pdqhash-2017-10-09): luminance → Jarosz tent
/// blur at full resolution → 64×64 decimation → DCT coefficients 1..16 × 1..16 → one bit per
/// coefficient against the median. Written from the algorithm description; constants and edge
/// cases follow the C++ reference so hashes interoperate.
/// </summary>
internal static class PdqHasher
{
    private const int MinHashableDimension = 5; // reference: smaller images hash to zero, quality 0
    private const int JaroszPasses = 2;
    private const float LumaR = 0.299f;
    private const float LumaG = 0.587f;
    private const float LumaB = 0.114f;

    // The reference hasher (pdq-photo-hasher, pdqio.cpp) first resizes any image wider or taller
    // than this to exactly this square with CImg's default nearest-neighbour resize, because the
    // Jarosz filter is too slow at full resolution. Hashes only interoperate if we do the same.
    private const int ReferenceDownsampleDimension = 512;

    /// <summary>Rows 1..16 of the 64-point DCT-II basis (row 0, the mean, is deliberately skipped).</summary>
    private static readonly float[] DctMatrix = BuildDctMatrix();

    public static PdqResult Compute(Image<Rgba32> image, bool withDihedral, CancellationToken ct)
    {
        int rows = image.Height, cols = image.Width;
        if (rows > ReferenceDownsampleDimension || cols > ReferenceDownsampleDimension)
        {
            rows = cols = ReferenceDownsampleDimension;
        }

        if (rows < MinHashableDimension || cols < MinHashableDimension)
        {
            var zero = default(PdqHash);
            return new PdqResult(zero, 0, withDihedral ? new PdqDihedralHashes([zero, zero, zero, zero, zero, zero, zero, zero]) : null);
        }

        var length = rows * cols;
        var plane1 = ArrayPool<float>.Shared.Rent(length);
        var plane2 = ArrayPool<float>.Shared.Rent(length);
        try
        {
            FillLuma(image, rows, cols, plane1);
            ct.ThrowIfCancellationRequested();
            Span<float> dct = stackalloc float[256];
            var quality = Dct16FromLuma(plane1, plane2, rows, cols, dct, ct);
            var hash = ToBits(dct);
            PdqDihedralHashes? dihedral = null;
            if (withDihedral)
            {
                var hashes = new PdqHash[8];
                hashes[0] = hash;
                Span<float> transformed = stackalloc float[256];
                for (var t = DihedralTransform.Rotate90; t <= DihedralTransform.Transverse; t++)
                {
                    TransformDct(dct, transformed, t);
                    hashes[(int)t] = ToBits(transformed);
                }

                dihedral = new PdqDihedralHashes(hashes);
            }

            return new PdqResult(hash, quality, dihedral);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(plane1);
            ArrayPool<float>.Shared.Return(plane2);
        }
    }

    /// <summary>
    /// Blurs and decimates <paramref name="luma"/> (row-major, destroyed) to 64×64, then fills
    /// <paramref name="dct16"/> with the 16×16 DCT; returns the quality metric.
    /// </summary>
    internal static int Dct16FromLuma(float[] luma, float[] scratch, int rows, int cols, Span<float> dct16, CancellationToken ct)
    {
        var block = new float[64 * 64];
        if (rows == 64 && cols == 64)
        {
            // The reference skips the blur when the input is already 64×64 (e.g. pre-scaled video frames).
            luma.AsSpan(0, 64 * 64).CopyTo(block);
        }
        else
        {
            JaroszFilter.Filter(
                luma,
                scratch,
                rows,
                cols,
                JaroszFilter.WindowSize(cols, 64),
                JaroszFilter.WindowSize(rows, 64),
                JaroszPasses,
                ct);
            Decimate(luma, rows, cols, block);
        }

        var quality = Quality(block);
        Dct64To16(block, dct16);
        return quality;
    }

    /// <summary>
    /// Luminance of a <paramref name="rows"/>×<paramref name="cols"/> nearest-neighbour sampling
    /// of the image (the identity when the sizes match). Source index ⌊x·W/w⌋ is CImg's mapping,
    /// and sampling straight from the decoded rows means no resized copy is ever allocated.
    /// </summary>
    private static void FillLuma(Image<Rgba32> image, int rows, int cols, float[] luma)
    {
        var sourceCols = new int[cols];
        for (var x = 0; x < cols; x++)
        {
            sourceCols[x] = (int)(x * (double)image.Width / cols);
        }

        var sourceHeight = image.Height;
        image.ProcessPixelRows(accessor =>
        {
            for (var y = 0; y < rows; y++)
            {
                var row = accessor.GetRowSpan((int)(y * (double)sourceHeight / rows));
                var target = luma.AsSpan(y * cols, cols);
                for (var x = 0; x < target.Length; x++)
                {
                    var p = row[sourceCols[x]];
                    target[x] = (LumaR * p.R) + (LumaG * p.G) + (LumaB * p.B);
                }
            }
        });
    }

    /// <summary>Point-samples the centre of each of the 64×64 cells of the blurred plane.</summary>
    private static void Decimate(float[] plane, int rows, int cols, float[] block)
    {
        for (var i = 0; i < 64; i++)
        {
            var sourceRow = (int)((i + 0.5) * rows / 64);
            for (var j = 0; j < 64; j++)
            {
                var sourceCol = (int)((j + 0.5) * cols / 64);
                block[(i * 64) + j] = plane[(sourceRow * cols) + sourceCol];
            }
        }
    }

    /// <summary>
    /// PDQ's quality heuristic: sum of quantised vertical and horizontal gradients of the 64×64,
    /// so flat or nearly flat images (which hash unstably) score low. Integer truncation as in the
    /// reference is part of the definition.
    /// </summary>
    private static int Quality(float[] block)
    {
        var gradientSum = 0;
        for (var i = 0; i < 63; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                var d = (int)((block[(i * 64) + j] - block[((i + 1) * 64) + j]) * 100 / 255);
                gradientSum += Math.Abs(d);
            }
        }

        for (var i = 0; i < 64; i++)
        {
            for (var j = 0; j < 63; j++)
            {
                var d = (int)((block[(i * 64) + j] - block[(i * 64) + j + 1]) * 100 / 255);
                gradientSum += Math.Abs(d);
            }
        }

        return Math.Min(gradientSum / 90, 100);
    }

    /// <summary>B = D·A·Dᵀ, computing only the 16×16 coefficients the hash uses.</summary>
    private static void Dct64To16(float[] block, Span<float> output)
    {
        Span<float> temp = stackalloc float[16 * 64];
        var d = DctMatrix;
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                var sum = 0f;
                for (var k = 0; k < 64; k++)
                {
                    sum += d[(i * 64) + k] * block[(k * 64) + j];
                }

                temp[(i * 64) + j] = sum;
            }
        }

        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 16; j++)
            {
                var sum = 0f;
                for (var k = 0; k < 64; k++)
                {
                    sum += temp[(i * 64) + k] * d[(j * 64) + k];
                }

                output[(i * 16) + j] = sum;
            }
        }
    }

    /// <summary>Bit 16·i + j is set when coefficient (i, j) exceeds the median (the 128th smallest, as Torben's method gives).</summary>
    internal static PdqHash ToBits(ReadOnlySpan<float> dct16)
    {
        Span<float> sorted = stackalloc float[256];
        dct16.CopyTo(sorted);
        sorted.Sort();
        var median = sorted[127];
        Span<ulong> words = stackalloc ulong[4];
        for (var k = 0; k < 256; k++)
        {
            if (dct16[k] > median)
            {
                words[k >> 6] |= 1UL << (k & 63);
            }
        }

        return PdqHash.FromWords(words);
    }

    /// <summary>
    /// Rotating or mirroring the image transposes and/or flips the sign of odd-frequency DCT
    /// coefficients (basis k+1 is symmetric or antisymmetric), so the other seven hashes need no
    /// new decode or blur: only sign flips and transposition of the 16×16.
    /// </summary>
    internal static void TransformDct(ReadOnlySpan<float> a, Span<float> b, DihedralTransform transform)
    {
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 16; j++)
            {
                var v = a[(i * 16) + j];
                bool iOdd = (i & 1) != 0, jOdd = (j & 1) != 0, sumOdd = ((i + j) & 1) != 0;
                var (value, transposed) = transform switch
                {
                    DihedralTransform.Original => (v, false),
                    DihedralTransform.Rotate90 => (jOdd ? v : -v, true),
                    DihedralTransform.Rotate180 => (sumOdd ? -v : v, false),
                    DihedralTransform.Rotate270 => (iOdd ? v : -v, true),
                    DihedralTransform.FlipX => (iOdd ? v : -v, false),
                    DihedralTransform.FlipY => (jOdd ? v : -v, false),
                    DihedralTransform.Transpose => (v, true),
                    DihedralTransform.Transverse => (sumOdd ? -v : v, true),
                    _ => throw new ArgumentOutOfRangeException(nameof(transform)),
                };
                b[transposed ? (j * 16) + i : (i * 16) + j] = value;
            }
        }
    }

    private static float[] BuildDctMatrix()
    {
        var matrix = new float[16 * 64];
        var scale = (float)Math.Sqrt(2.0 / 64.0);
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                matrix[(i * 64) + j] = (float)(scale * Math.Cos(Math.PI / 2.0 / 64.0 * (i + 1) * ((2 * j) + 1)));
            }
        }

        return matrix;
    }
}
