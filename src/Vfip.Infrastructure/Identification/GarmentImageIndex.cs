using System.Text.Json;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Diagnostics;
using Vfip.Fingerprinting;
using Vfip.Infrastructure.Images;

namespace Vfip.Infrastructure.Identification;

/// <summary>
/// The <see cref="IImageIndex"/> over a <see cref="GarmentMatcher"/>. The matcher knows images by a
/// number; this class maps numbers to (design id, image index): a design gets a number the first time it
/// is added, and its images are <c>number * 256 + index</c> (a design has far fewer than 256 images).
/// </summary>
internal sealed class GarmentImageIndex(VfipMetrics metrics) : IImageIndex
{
    private const int ImagesPerDesign = 256;

    private readonly GarmentMatcher _matcher = new();
    private readonly Lock _keys = new();
    private readonly Dictionary<string, long> _numberOf = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (string DesignId, int[] Images)> _designOf = [];
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextNumber = 1;

    public int Count => _matcher.Count;

    public Task WhenLoadedAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    /// <summary>Called once by the loader when every stored image is in.</summary>
    public void MarkLoaded() => _loaded.TrySetResult();

    public void MarkLoadFailed(Exception exception) => _loaded.TrySetException(exception);

    /// <summary>Whether the design's images are in the index.</summary>
    public bool Contains(string designId)
    {
        lock (_keys)
        {
            return _numberOf.ContainsKey(designId);
        }
    }

    /// <summary>Whether stored signals are in a format this build reads (older rows may predate it).</summary>
    public static bool CanRead(byte[] signals)
    {
        try
        {
            GarmentSignals.Deserialize(signals);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public void Add(string designId, IReadOnlyList<IndexedImage> images)
    {
        Remove(designId);
        long number;
        lock (_keys)
        {
            number = _nextNumber++;
            _numberOf[designId] = number;
            _designOf[number] = (designId, images.Select(i => i.Index).ToArray());
        }

        foreach (var image in images)
        {
            _matcher.Add(KeyOf(number, image.Index), GarmentSignals.Deserialize(image.Signals));
        }

        metrics.IndexSize(_matcher.Count);
    }

    public void Remove(string designId)
    {
        (string DesignId, int[] Images) entry;
        long number;
        lock (_keys)
        {
            if (!_numberOf.Remove(designId, out number) || !_designOf.Remove(number, out entry))
            {
                return;
            }
        }

        foreach (var index in entry.Images)
        {
            _matcher.Remove(KeyOf(number, index));
        }

        metrics.IndexSize(_matcher.Count);
    }

    public IReadOnlyList<ImageMatch> Match(ImageProbe probe) =>
        probe is GarmentProbe garment
            ? Describe(_matcher.Match(garment.Query))
            : throw new ArgumentException($"This index reads only probes made by its own fingerprinter, not {probe.GetType().Name}.", nameof(probe));

    public IReadOnlyList<ImageMatch> MatchPdq(IReadOnlyList<string> pdqHashes) =>
        Describe(_matcher.MatchPdq(pdqHashes.Select(PdqHash.Parse).ToList()));

    private static long KeyOf(long number, int index) => (number * ImagesPerDesign) + index;

    private List<ImageMatch> Describe(IReadOnlyList<GarmentMatch> matches)
    {
        var described = new List<ImageMatch>(matches.Count);
        lock (_keys)
        {
            foreach (var match in matches)
            {
                // A design removed while the query ran has no number any more: it is not a match.
                if (_designOf.TryGetValue(match.ImageKey / ImagesPerDesign, out var design))
                {
                    described.Add(new ImageMatch(
                        design.DesignId, (int)(match.ImageKey % ImagesPerDesign), match.Distance, match.Score, TransformName(match.Transform)));
                }
            }
        }

        return described;
    }

    private static string TransformName(DihedralTransform transform) => transform switch
    {
        DihedralTransform.Original => "none",
        _ => JsonNamingPolicy.SnakeCaseLower.ConvertName(transform.ToString()),
    };
}
