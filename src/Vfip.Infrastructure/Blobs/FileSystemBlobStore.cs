using System.Security.Cryptography;
using Vfip.Application.Common.Abstractions;

namespace Vfip.Infrastructure.Blobs;

/// <summary>
/// Content-addressed blobs in a folder: <c>ab/cd/abcd…</c> by SHA-256. A blob is written to a temporary
/// file, flushed to disk, then renamed into place, so a crash never leaves a partial blob under a real key.
/// </summary>
public sealed class FileSystemBlobStore(string root) : IBlobStore
{
    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return key;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
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

        return key;
    }

    public Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return Task.FromResult<Stream?>(null);
        }

        var path = PathOf(sha256);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous)
            : null;
        return Task.FromResult(stream);
    }

    private string PathOf(string key) => Path.Combine(root, key[..2], key[2..4], key);
}
