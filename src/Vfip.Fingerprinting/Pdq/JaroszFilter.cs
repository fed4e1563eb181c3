using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vfip.Fingerprinting.Pdq;

/// <summary>
/// PDQ's downsampling blur: Jarosz's repeated box filters (two X,Y passes make a tent filter),
/// with the same window sizes and the same edge handling (shrinking windows at both ends) as the
/// reference, so our 64×64 matches theirs to float rounding.
/// </summary>
internal static class JaroszFilter
{
    /// <summary>Half a 64th of the dimension, rounded: two passes then cover one output cell.</summary>
    public static int WindowSize(int oldDimension, int newDimension) =>
        (oldDimension + (2 * newDimension) - 1) / (2 * newDimension);

    /// <summary>Filters <paramref name="buffer1"/> in place, using <paramref name="buffer2"/> as scratch.</summary>
    public static void Filter(
        float[] buffer1, float[] buffer2, int rows, int cols, int windowAlongRows, int windowAlongCols, int passes, CancellationToken ct)
    {
        var sums = new float[cols];
        for (var pass = 0; pass < passes; pass++)
        {
            ct.ThrowIfCancellationRequested();
            BoxAlongRows(buffer1, buffer2, rows, cols, windowAlongRows);
            ct.ThrowIfCancellationRequested();
            BoxAlongCols(buffer2, buffer1, rows, cols, windowAlongCols, sums);
        }
    }

    /// <summary>
    /// Box filter within each row. The running sum is a serial dependency chain, so four rows are
    /// filtered together to give the CPU independent work.
    /// </summary>
    internal static void BoxAlongRows(float[] input, float[] output, int rows, int cols, int window)
    {
        var row = 0;
        for (; row + 4 <= rows; row += 4)
        {
            BoxFourRows(input, output, row * cols, cols, window);
        }

        for (; row < rows; row++)
        {
            BoxOneRow(input.AsSpan(row * cols, cols), output.AsSpan(row * cols, cols), window);
        }
    }

    /// <summary>
    /// Box filter within each column, done row by row with a vector of per-column sums: the same
    /// additions in the same order as a column-at-a-time walk, but sequential in memory and SIMD.
    /// </summary>
    internal static void BoxAlongCols(float[] input, float[] output, int rows, int cols, int window, float[] sums)
    {
        var half = (window + 2) / 2;
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = rows - window;
        var phase4 = half - 1;
        var sum = sums.AsSpan(0, cols);
        sum.Clear();
        int ri = 0, li = 0, oi = 0, count = 0;
        for (var k = 0; k < phase1; k++, ri++)
        {
            Add(sum, Row(input, ri, cols));
            count++;
        }

        for (var k = 0; k < phase2; k++, ri++, oi++)
        {
            Add(sum, Row(input, ri, cols));
            count++;
            Divide(sum, count, Row(output, oi, cols));
        }

        for (var k = 0; k < phase3; k++, ri++, li++, oi++)
        {
            AddSubtract(sum, Row(input, ri, cols), Row(input, li, cols));
            Divide(sum, count, Row(output, oi, cols));
        }

        for (var k = 0; k < phase4; k++, li++, oi++)
        {
            Subtract(sum, Row(input, li, cols));
            count--;
            Divide(sum, count, Row(output, oi, cols));
        }
    }

    private static Span<float> Row(float[] buffer, int row, int cols) => buffer.AsSpan(row * cols, cols);

    private static void BoxOneRow(ReadOnlySpan<float> input, Span<float> output, int window)
    {
        var half = (window + 2) / 2;
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = input.Length - window;
        var phase4 = half - 1;
        int ri = 0, li = 0, oi = 0, count = 0;
        var sum = 0f;
        for (var k = 0; k < phase1; k++)
        {
            sum += input[ri++];
            count++;
        }

        for (var k = 0; k < phase2; k++)
        {
            sum += input[ri++];
            count++;
            output[oi++] = sum / count;
        }

        for (var k = 0; k < phase3; k++)
        {
            sum += input[ri++];
            sum -= input[li++];
            output[oi++] = sum / count;
        }

        for (var k = 0; k < phase4; k++)
        {
            sum -= input[li++];
            count--;
            output[oi++] = sum / count;
        }
    }

    private static void BoxFourRows(float[] input, float[] output, int start, int cols, int window)
    {
        ref var i0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(input), start);
        ref var i1 = ref Unsafe.Add(ref i0, cols);
        ref var i2 = ref Unsafe.Add(ref i1, cols);
        ref var i3 = ref Unsafe.Add(ref i2, cols);
        ref var o0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(output), start);
        ref var o1 = ref Unsafe.Add(ref o0, cols);
        ref var o2 = ref Unsafe.Add(ref o1, cols);
        ref var o3 = ref Unsafe.Add(ref o2, cols);

        var half = (window + 2) / 2;
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = cols - window;
        var phase4 = half - 1;
        int ri = 0, li = 0, oi = 0, count = 0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (var k = 0; k < phase1; k++, ri++)
        {
            s0 += Unsafe.Add(ref i0, ri);
            s1 += Unsafe.Add(ref i1, ri);
            s2 += Unsafe.Add(ref i2, ri);
            s3 += Unsafe.Add(ref i3, ri);
            count++;
        }

        for (var k = 0; k < phase2; k++, ri++, oi++)
        {
            s0 += Unsafe.Add(ref i0, ri);
            s1 += Unsafe.Add(ref i1, ri);
            s2 += Unsafe.Add(ref i2, ri);
            s3 += Unsafe.Add(ref i3, ri);
            count++;
            Unsafe.Add(ref o0, oi) = s0 / count;
            Unsafe.Add(ref o1, oi) = s1 / count;
            Unsafe.Add(ref o2, oi) = s2 / count;
            Unsafe.Add(ref o3, oi) = s3 / count;
        }

        float n = count;
        for (var k = 0; k < phase3; k++, ri++, li++, oi++)
        {
            s0 += Unsafe.Add(ref i0, ri);
            s1 += Unsafe.Add(ref i1, ri);
            s2 += Unsafe.Add(ref i2, ri);
            s3 += Unsafe.Add(ref i3, ri);
            s0 -= Unsafe.Add(ref i0, li);
            s1 -= Unsafe.Add(ref i1, li);
            s2 -= Unsafe.Add(ref i2, li);
            s3 -= Unsafe.Add(ref i3, li);
            Unsafe.Add(ref o0, oi) = s0 / n;
            Unsafe.Add(ref o1, oi) = s1 / n;
            Unsafe.Add(ref o2, oi) = s2 / n;
            Unsafe.Add(ref o3, oi) = s3 / n;
        }

        for (var k = 0; k < phase4; k++, li++, oi++)
        {
            s0 -= Unsafe.Add(ref i0, li);
            s1 -= Unsafe.Add(ref i1, li);
            s2 -= Unsafe.Add(ref i2, li);
            s3 -= Unsafe.Add(ref i3, li);
            count--;
            Unsafe.Add(ref o0, oi) = s0 / count;
            Unsafe.Add(ref o1, oi) = s1 / count;
            Unsafe.Add(ref o2, oi) = s2 / count;
            Unsafe.Add(ref o3, oi) = s3 / count;
        }
    }

    private static void Add(Span<float> sum, ReadOnlySpan<float> row)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = MemoryMarshal.Cast<float, Vector<float>>(sum);
            var vr = MemoryMarshal.Cast<float, Vector<float>>(row);
            for (var v = 0; v < vs.Length; v++)
            {
                vs[v] += vr[v];
            }

            i = vs.Length * Vector<float>.Count;
        }

        for (; i < sum.Length; i++)
        {
            sum[i] += row[i];
        }
    }

    private static void Subtract(Span<float> sum, ReadOnlySpan<float> row)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = MemoryMarshal.Cast<float, Vector<float>>(sum);
            var vr = MemoryMarshal.Cast<float, Vector<float>>(row);
            for (var v = 0; v < vs.Length; v++)
            {
                vs[v] -= vr[v];
            }

            i = vs.Length * Vector<float>.Count;
        }

        for (; i < sum.Length; i++)
        {
            sum[i] -= row[i];
        }
    }

    private static void AddSubtract(Span<float> sum, ReadOnlySpan<float> add, ReadOnlySpan<float> subtract)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = MemoryMarshal.Cast<float, Vector<float>>(sum);
            var va = MemoryMarshal.Cast<float, Vector<float>>(add);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(subtract);
            for (var v = 0; v < vs.Length; v++)
            {
                vs[v] = (vs[v] + va[v]) - vb[v];
            }

            i = vs.Length * Vector<float>.Count;
        }

        for (; i < sum.Length; i++)
        {
            sum[i] = (sum[i] + add[i]) - subtract[i];
        }
    }

    private static void Divide(ReadOnlySpan<float> sum, int count, Span<float> output)
    {
        float n = count;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = MemoryMarshal.Cast<float, Vector<float>>(sum);
            var vo = MemoryMarshal.Cast<float, Vector<float>>(output);
            var vn = new Vector<float>(n);
            for (var v = 0; v < vs.Length; v++)
            {
                vo[v] = vs[v] / vn;
            }

            i = vs.Length * Vector<float>.Count;
        }

        for (; i < sum.Length; i++)
        {
            output[i] = sum[i] / n;
        }
    }
}
