namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// The in-memory similarity index over every registered image (design of record: "identification runs in
/// memory"). Loaded from the database at start and kept current on every registration; queries are exact
/// within the match threshold, never padded to a top-k.
/// </summary>
public interface IImageIndex
{
    /// <summary>Completes once the index holds every image that was in the database when the process started.</summary>
    Task WhenLoadedAsync(CancellationToken cancellationToken);

    /// <summary>How many images are indexed.</summary>
    int Count { get; }

    /// <summary>Adds (or replaces) a design's images.</summary>
    void Add(string designId, IReadOnlyList<IndexedImage> images);

    /// <summary>Removes a design's images; nothing happens when it has none.</summary>
    void Remove(string designId);

    /// <summary>Images within the match threshold of an uploaded image, best first.</summary>
    IReadOnlyList<ImageMatch> Match(ImageProbe probe);

    /// <summary>Images within the match threshold of precomputed whole-image PDQ hashes, best first.</summary>
    IReadOnlyList<ImageMatch> MatchPdq(IReadOnlyList<string> pdqHashes);
}

/// <summary>Brings this process's index up to date with registrations other replicas committed.</summary>
public interface IImageIndexSync
{
    /// <summary>Reads every registration committed since the last read and indexes it; returns when done.</summary>
    Task CatchUpAsync(CancellationToken cancellationToken);
}

/// <summary>One image as the index stores it: its position in the design and its serialised signals.</summary>
public sealed record IndexedImage(int Index, byte[] Signals)
{
    public static List<IndexedImage> Of(IEnumerable<Domain.Designs.DesignImage> images) =>
        images.Select(i => new IndexedImage(i.Index, i.Signals)).ToList();
}

/// <param name="Distance">Hamming distance of the best evidence, in bits of a 256-bit hash.</param>
/// <param name="Score">0..1, 1 = identical.</param>
/// <param name="Transform">The dihedral transform applied to the query to match the registered image (snake_case).</param>
public sealed record ImageMatch(string DesignId, int ImageIndex, int Distance, double Score, string Transform);

/// <summary>
/// The query-side signals of one uploaded image, opaque to the Application: made by the
/// <see cref="IFingerprinter"/>, understood by the <see cref="IImageIndex"/>, so an upload is decoded once.
/// </summary>
public abstract record ImageProbe;
