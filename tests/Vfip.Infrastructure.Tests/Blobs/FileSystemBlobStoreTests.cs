using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Vfip.Infrastructure.Blobs;

namespace Vfip.Infrastructure.Tests.Blobs;

/// <summary><see cref="FileSystemBlobStore"/> on a real folder: corruption on disk, orphans of crashed writers.</summary>
public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vfip-blob-tests", Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<Entry> _logs = new();
    private readonly FileSystemBlobStore _store;

    public FileSystemBlobStoreTests() => _store = new FileSystemBlobStore(_root, new ListLogger<FileSystemBlobStore>(_logs));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task OpenAsync_OfAStoredBlob_ReturnsItsBytes()
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);

        var key = await _store.PutAsync(bytes, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), key);
        Assert.Equal(bytes, await ReadAsync(key));
    }

    [Fact]
    public async Task OpenAsync_AfterOneByteFlippedOnDisk_ReturnsNullQuarantinesItAndLogsAnError()
    {
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        var key = await _store.PutAsync(bytes, CancellationToken.None);
        var path = BlobPath(key);
        FlipByte(path, 50_000);

        var opened = await _store.OpenAsync(key, CancellationToken.None);

        Assert.Null(opened);
        Assert.False(File.Exists(path), "a corrupt blob stays where readers find it");
        var quarantined = Assert.Single(Directory.GetFiles(Path.Combine(_root, FileSystemBlobStore.QuarantineFolder)));
        Assert.StartsWith(key, Path.GetFileName(quarantined), StringComparison.Ordinal);
        Assert.Equal(bytes.Length, new FileInfo(quarantined).Length);
        Assert.Contains(_logs, e => e.Level == LogLevel.Error && e.Message.Contains(key, StringComparison.Ordinal));
        Assert.Null(await _store.OpenAsync(key, CancellationToken.None)); // and it stays missing
    }

    [Fact]
    public async Task PutAsync_OfTheSameBytesOverACorruptBlob_RepairsIt()
    {
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        var key = await _store.PutAsync(bytes, CancellationToken.None);
        FlipByte(BlobPath(key), 0);

        Assert.Equal(key, await _store.PutAsync(bytes, CancellationToken.None));

        Assert.Equal(bytes, await ReadAsync(key));
    }

    [Fact]
    public async Task OpenAsync_AfterAGoodCopyIsPutBackByHand_ServesItAgain()
    {
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        var key = await _store.PutAsync(bytes, CancellationToken.None);
        FlipByte(BlobPath(key), 9_999);
        Assert.Null(await _store.OpenAsync(key, CancellationToken.None));

        await File.WriteAllBytesAsync(BlobPath(key), bytes); // the operator restores it from a replica or a backup

        Assert.Equal(bytes, await ReadAsync(key));
    }

    [Fact]
    public async Task RemoveOrphanTemporaryFiles_RemovesOldOnesAndKeepsFreshOnesAndBlobs()
    {
        var key = await _store.PutAsync(RandomNumberGenerator.GetBytes(1_000), CancellationToken.None);
        var folder = Path.GetDirectoryName(BlobPath(key))!;
        var orphan = Path.Combine(folder, $"{key}.{Guid.NewGuid():N}.tmp");
        var inProgress = Path.Combine(folder, $"{key}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(orphan, [1, 2, 3]);
        File.WriteAllBytes(inProgress, [1, 2, 3]);
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow - FileSystemBlobStore.OrphanAge - TimeSpan.FromMinutes(1));

        var removed = _store.RemoveOrphanTemporaryFiles();

        Assert.Equal(1, removed);
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(inProgress), "a write in progress (maybe on another replica) must not lose its file");
        Assert.True(File.Exists(BlobPath(key)));
    }

    [Fact]
    public async Task Sweep_AtStart_RemovesOrphans()
    {
        Directory.CreateDirectory(Path.Combine(_root, "ab", "cd"));
        var orphan = Path.Combine(_root, "ab", "cd", $"ab{new string('0', 62)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(orphan, [1]);
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddHours(-1));
        using var sweep = new BlobTemporaryFileSweep(_store, new ListLogger<BlobTemporaryFileSweep>(_logs));

        await sweep.StartAsync(CancellationToken.None);
        await sweep.ExecuteTask!;

        Assert.False(File.Exists(orphan));
        Assert.Contains(_logs, e => e.Level == LogLevel.Warning && e.Message.Contains("Removed 1 temporary", StringComparison.Ordinal));
    }

    [Fact]
    public void BlobFolderSync_OnLinux_OpensAndFlushesTheFolder()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // a no-op elsewhere, by design
        }

        BlobFolder.Sync(Path.GetTempPath());
        Assert.Throws<IOException>(() => BlobFolder.Sync(Path.Combine(_root, "missing")));
    }

    private string BlobPath(string key) => Path.Combine(_root, key[..2], key[2..4], key);

    private static void FlipByte(string path, int offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var stream = await _store.OpenAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    internal sealed record Entry(LogLevel Level, string Message);

    /// <summary>Keeps every log entry, so a test can check what an operator would have been told.</summary>
    internal sealed class ListLogger<T>(ConcurrentQueue<Entry> entries) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new Entry(logLevel, formatter(state, exception)));
    }
}
