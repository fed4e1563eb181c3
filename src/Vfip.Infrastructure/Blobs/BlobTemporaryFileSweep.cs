using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Vfip.Infrastructure.Blobs;

/// <summary>
/// Once at start, off the startup path (a large store is a long walk), removes the temporary files that writes
/// interrupted by a crash left in the blob folder.
/// </summary>
internal sealed class BlobTemporaryFileSweep(FileSystemBlobStore store, ILogger<BlobTemporaryFileSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var removed = await Task.Run(() => store.RemoveOrphanTemporaryFiles(cancellationToken: stoppingToken), stoppingToken);
            if (removed > 0)
            {
                logger.LogWarning("Removed {Count} temporary blob files left by interrupted writes", removed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leftovers cost only disk space; the next start tries again.
            logger.LogWarning(e, "Could not sweep the blob folder {Root} for temporary files", store.Root);
        }
    }
}
