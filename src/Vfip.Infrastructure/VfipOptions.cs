namespace Vfip.Infrastructure;

/// <summary>Service-wide settings (configuration section <c>Vfip</c>, environment <c>Vfip__*</c>).</summary>
public sealed class VfipOptions
{
    public const string Section = "Vfip";

    /// <summary>
    /// The one folder that holds all state of the embedded default: SQLite file, blobs, anvil state,
    /// deployment record, key rings. Relative paths are resolved against the working directory.
    /// </summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>
    /// Where image and metadata blobs are kept; default <c>blobs</c> in the data folder. Replicas must see the
    /// same blobs: point them all at one shared volume.
    /// </summary>
    public string? BlobDir { get; set; }

    /// <summary>Base URL that outsiders (wallets, marketplaces) use to reach this service; used in tokenURI.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The absolute data folder, created if missing.</summary>
    public string ResolveDataDir()
    {
        var path = Path.GetFullPath(DataDir);
        Directory.CreateDirectory(path);
        return path;
    }
}
