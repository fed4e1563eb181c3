namespace Vfip.Fingerprinting.Normalisation;

/// <summary>
/// Area-weighted resampling of a float plane region to a fixed grid: every output cell averages
/// exactly the source area it covers (fractional edges included), so it is a box filter when
/// shrinking and piecewise-constant when enlarging, and no framing jitter comes from rounding
/// the region to whole pixels.
/// </summary>
internal sealed class AreaResampler
{
    private readonly int _outWidth;
    private readonly int _outHeight;
    private readonly Taps _x;
    private readonly Taps _y;

    /// <summary>Prepares weights for the region (<paramref name="x0"/>, <paramref name="y0"/>, <paramref name="width"/>, <paramref name="height"/>) of a plane <paramref name="sourceWidth"/>×<paramref name="sourceHeight"/>.</summary>
    public AreaResampler(int sourceWidth, int sourceHeight, float x0, float y0, float width, float height, int outWidth, int outHeight)
    {
        SourceWidth = sourceWidth;
        _outWidth = outWidth;
        _outHeight = outHeight;
        _x = Taps.Build(x0, width, outWidth, sourceWidth);
        _y = Taps.Build(y0, height, outHeight, sourceHeight);
    }

    public int SourceWidth { get; }

    public void Resample(float[] source, float[] output)
    {
        var rowCount = _y.Last - _y.First + 1;
        var horizontal = new float[rowCount * _outWidth];
        for (var r = 0; r < rowCount; r++)
        {
            var offset = (_y.First + r) * SourceWidth;
            for (var o = 0; o < _outWidth; o++)
            {
                var sum = 0f;
                var baseIndex = o * _x.Stride;
                for (var k = 0; k < _x.Count[o]; k++)
                {
                    sum += source[offset + _x.Start[o] + k] * _x.Weight[baseIndex + k];
                }

                horizontal[(r * _outWidth) + o] = sum;
            }
        }

        for (var o = 0; o < _outHeight; o++)
        {
            var outRow = output.AsSpan(o * _outWidth, _outWidth);
            outRow.Clear();
            for (var k = 0; k < _y.Count[o]; k++)
            {
                var weight = _y.Weight[(o * _y.Stride) + k];
                var row = horizontal.AsSpan((_y.Start[o] + k - _y.First) * _outWidth, _outWidth);
                for (var x = 0; x < outRow.Length; x++)
                {
                    outRow[x] += row[x] * weight;
                }
            }
        }
    }

    private sealed record Taps(int[] Start, int[] Count, float[] Weight, int Stride, int First, int Last)
    {
        public static Taps Build(float origin, float length, int outLength, int limit)
        {
            var step = length / outLength;
            var stride = (int)MathF.Ceiling(step) + 2;
            var start = new int[outLength];
            var count = new int[outLength];
            var weight = new float[outLength * stride];
            int first = int.MaxValue, last = 0;
            for (var o = 0; o < outLength; o++)
            {
                var a = origin + (o * step);
                var b = a + step;
                var p0 = Math.Clamp((int)MathF.Floor(a), 0, limit - 1);
                var p1 = Math.Clamp((int)MathF.Ceiling(b) - 1, p0, limit - 1);
                var n = Math.Min(p1 - p0 + 1, stride);
                var total = 0f;
                for (var k = 0; k < n; k++)
                {
                    var p = p0 + k;
                    var cover = MathF.Max(MathF.Min(b, p + 1) - MathF.Max(a, p), 0f);
                    weight[(o * stride) + k] = cover;
                    total += cover;
                }

                for (var k = 0; k < n; k++)
                {
                    weight[(o * stride) + k] = total > 0 ? weight[(o * stride) + k] / total : 1f / n;
                }

                start[o] = p0;
                count[o] = n;
                first = Math.Min(first, p0);
                last = Math.Max(last, p0 + n - 1);
            }

            return new Taps(start, count, weight, stride, first, last);
        }
    }
}
