using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vfip.Application.Common.Abstractions;

namespace Vfip.Infrastructure.Blobs;

/// <summary>
/// Content-addressed blobs in a folder: <c>ab/cd/abcd…</c> by SHA-256.
/// <list type="bullet">
/// <item>A blob is written to a temporary file, flushed to disk, renamed into place, and the folder is flushed
/// too (<see cref="BlobFolder.Sync"/>), so a crash never leaves a partial blob under a real key, and a blob
/// that <see cref="PutAsync"/> returned survives a power cut.</item>
/// <item>Every read is checked against its key: a blob whose bytes no longer hash to it (bit rot, a bad disk, a
/// hand edit) is never served. It is moved to <c>quarantine/</c>, logged as an error, and reads as missing
/// until someone puts the right bytes back (any copy with that SHA-256 is the right one: another replica's
/// blob folder, a backup, or the same upload again, which <see cref="PutAsync"/> repairs it from).</item>
/// <item>Temporary files a crashed writer left behind are removed by <see cref="RemoveOrphanTemporaryFiles"/>
/// (at start, by <see cref="BlobTemporaryFileSweep"/>).</item>
/// </list>
/// </summary>
public sealed class FileSystemBlobStore(string root, ILogger<FileSystemBlobStore>? logger = null) : IBlobStore
{
    /// <summary>
    /// A temporary file older than this is an orphan. Younger ones may be a write in progress, here or on another
    /// replica sharing the folder (writing the 20 MB upload limit takes well under a second).
    /// </summary>
    public static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(10);

    /// <summary>Where corrupt blobs are moved, under the root (never a two-hex-digit name, so never a blob folder).</summary>
    public const string QuarantineFolder = "quarantine";

    private const string TemporarySuffix = ".tmp";
    private const int BufferSize = 81920;

    private readonly ILogger _logger = logger ?? NullLogger<FileSystemBlobStore>.Instance;

    // Leaf folders whose own entries (in ab/ and in the root) are known to be on disk; at most 65,536.
    private readonly ConcurrentDictionary<string, bool> _durableFolders = new(StringComparer.Ordinal);

    /// <summary>The folder the blobs are in.</summary>
    public string Root => root;

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(key);
        if (File.Exists(path))
        {
            if (await OpenVerifiedAsync(key, path, cancellationToken) is { } existing)
            {
                await existing.DisposeAsync();
                return key;
            }

            _logger.LogWarning("Blob {Sha256} was corrupt; writing it again from the bytes just stored", key);
        }

        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken);
                file.Flush(flushToDisk: true);
            }

            // Another writer may have stored the same bytes meanwhile; either copy is the same content.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        MakeDurable(folder);
        return key;
    }

    public async Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        return await OpenVerifiedAsync(sha256, PathOf(sha256), cancellationToken);
    }

    /// <summary>
    /// Deletes the temporary files of writes that never finished (older than <paramref name="minimumAge"/>,
    /// <see cref="OrphanAge"/> unless given) and returns how many there were.
    /// </summary>
    public int RemoveOrphanTemporaryFiles(TimeSpan? minimumAge = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var cutoff = DateTime.UtcNow - (minimumAge ?? OrphanAge);
        var removed = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 2 };
        foreach (var file in Directory.EnumerateFiles(root, "*" + TemporarySuffix, options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    File.Delete(file);
                    removed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.LogWarning(e, "Could not remove the orphan temporary blob file {Path}", file);
            }
        }

        return removed;
    }

    /// <summary>Opens the blob and checks its bytes against its key: the stream (at 0) if they match, else null.</summary>
    private async Task<Stream?> OpenVerifiedAsync(string key, string path, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            // FileShare.Delete: a reader that finds the blob corrupt may move it while others have it open.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        string actual;
        try
        {
            // A second pass over the file rather than a buffer: an image may be 20 MB, and the page cache
            // makes the pass that serves it nearly free.
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (actual == key)
            {
                stream.Position = 0;
                return stream;
            }
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }

        await stream.DisposeAsync();
        await QuarantineAsync(key, path, actual, cancellationToken);
        return null;
    }

    private async Task QuarantineAsync(string key, string path, string actual, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, QuarantineFolder);
        var target = Path.Combine(folder, $"{key}.{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff'Z'}.{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            File.Move(path, target);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return; // another reader moved it first, and logged it
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError(e, "Blob {Sha256} is corrupt (its bytes hash to {ActualSha256}) and could not be moved to {QuarantinePath}; it is treated as missing", key, actual, target);
            return;
        }

        // A writer may have renamed good bytes into place between our hash and our move: then we moved a
        // good copy, which goes back (unless a newer good copy is there already).
        await using (var moved = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous))
        {
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(moved, cancellationToken)) == key)
            {
                moved.Close();
                try
                {
                    File.Move(target, path);
                }
                catch (IOException)
                {
                    File.Delete(target);
                }

                return;
            }
        }

        _logger.LogError(
            "Blob {Sha256} is corrupt (its bytes hash to {ActualSha256}): moved to {QuarantinePath}, it reads as missing until a copy with that SHA-256 is put back",
            key, actual, target);
    }

    /// <summary>Flushes the rename in <paramref name="folder"/>, and the first time, the entries that make the folder reachable.</summary>
    private void MakeDurable(string folder)
    {
        BlobFolder.Sync(folder);
        if (_durableFolders.ContainsKey(folder))
        {
            return;
        }

        // ab/cd may have just been created (by this writer or a concurrent one): its entry in ab/, and ab/'s in
        // the root, must be on disk too before the blob can be.
        var parent = Path.GetDirectoryName(folder)!;
        BlobFolder.Sync(parent);
        BlobFolder.Sync(Path.GetDirectoryName(parent)!);
        _durableFolders.TryAdd(folder, true);
    }

    private string PathOf(string key) => Path.Combine(root, key[..2], key[2..4], key);
}
