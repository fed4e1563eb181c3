using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Designs;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure.Identification;

/// <summary>
/// Fills the in-memory index from the database at start. Until it has, identification and registration
/// wait (<see cref="IImageIndex.WhenLoadedAsync"/>): answering from a half-loaded index would miss prior art.
/// Images whose stored signals this build cannot read (rows from before a signal format change) are
/// fingerprinted again from their blobs, and the new signals are stored. Then it follows the registrations
/// other replicas commit, in commit order (<see cref="Design.Sequence"/>), every
/// <c>Identification:SyncInterval</c> (default 2 s).
/// </summary>
internal sealed class ImageIndexLoader(
    IServiceScopeFactory scopes,
    GarmentImageIndex index,
    IFingerprinter fingerprinter,
    IBlobStore blobs,
    IConfiguration configuration,
    ILogger<ImageIndexLoader> logger) : BackgroundService, IImageIndexSync
{
    private readonly SemaphoreSlim _catchingUp = new(1, 1);
    private long _lastSequence;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VfipDbContext>();
            var designs = 0;
            var stale = new List<(string DesignId, DesignImage Image)>();
            await foreach (var design in db.Designs.AsNoTracking().Where(d => d.Status != DesignStatus.Rejected).AsAsyncEnumerable().WithCancellation(stoppingToken))
            {
                _lastSequence = Math.Max(_lastSequence, design.Sequence);
                var readable = design.Images.ToLookup(i => GarmentImageIndex.CanRead(i.Signals));
                stale.AddRange(readable[false].Select(i => (design.Id, i)));
                index.Add(design.Id, IndexedImage.Of(readable[true]));
                designs++;
            }

            await RefingerprintAsync(db, stale, stoppingToken);

            index.MarkLoaded();
            logger.LogInformation("Image index loaded: {Designs} designs, {Images} images in {ElapsedMs:F0} ms",
                designs, index.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogCritical(exception, "The image index could not be loaded; identification and registration are unavailable");
            index.MarkLoadFailed(exception);
            return;
        }

        await FollowAsync(stoppingToken);
    }

    // Registrations made in this process are indexed by their handler at once; this picks up the rest.
    private async Task FollowAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Identification:SyncInterval", TimeSpan.FromSeconds(2));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Image index sync failed; retrying");
            }
        }
    }

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await index.WhenLoadedAsync(cancellationToken);
        await _catchingUp.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VfipDbContext>();
            while (true)
            {
                var since = _lastSequence;
                var added = await db.Designs.AsNoTracking()
                    .Where(d => d.Sequence > since)
                    .OrderBy(d => d.Sequence)
                    .Take(1000)
                    .ToListAsync(cancellationToken);
                foreach (var design in added)
                {
                    _lastSequence = design.Sequence;
                    if (design.Status != DesignStatus.Rejected && !index.Contains(design.Id))
                    {
                        index.Add(design.Id, IndexedImage.Of(design.Images.Where(i => GarmentImageIndex.CanRead(i.Signals))));
                    }
                }

                if (added.Count < 1000)
                {
                    return;
                }
            }
        }
        finally
        {
            _catchingUp.Release();
        }
    }

    private async Task RefingerprintAsync(VfipDbContext db, List<(string DesignId, DesignImage Image)> stale, CancellationToken cancellationToken)
    {
        if (stale.Count == 0)
        {
            return;
        }

        logger.LogWarning("{Count} stored images have signals in an older format; fingerprinting them again", stale.Count);
        foreach (var group in stale.GroupBy(s => s.DesignId))
        {
            foreach (var (designId, image) in group)
            {
                var bytes = await blobs.ReadAllBytesAsync(image.Sha256, cancellationToken)
                    ?? throw new InvalidOperationException($"Blob {image.Sha256} of design {designId} is missing from the blob store.");
                var signals = fingerprinter.Fingerprint(bytes, cancellationToken).Signals;
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE \"DesignImages\" SET \"Signals\" = {signals} WHERE \"DesignId\" = {designId} AND \"Index\" = {image.Index}",
                    cancellationToken);
            }

            var current = await db.Designs.AsNoTracking().Where(d => d.Id == group.Key).Select(d => d.Images).FirstAsync(cancellationToken);
            index.Add(group.Key, IndexedImage.Of(current));
        }
    }
}
