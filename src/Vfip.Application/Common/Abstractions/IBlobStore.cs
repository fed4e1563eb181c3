namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// Content-addressed storage for image and metadata bytes: the key is the SHA-256 of the content, so
/// writing the same bytes twice is harmless and a stored blob never changes.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the bytes under their SHA-256 (lower-case hex) and returns that key. Durable on return.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a stored blob for reading, or returns null when there is none, or when its bytes no longer hash to its
    /// key (a corrupt blob is never served).
    /// </summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken);
}
