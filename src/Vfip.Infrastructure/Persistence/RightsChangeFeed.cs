using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vfip.Application.Features.Verification.Rules;

namespace Vfip.Infrastructure.Persistence;

/// <summary>
/// Follows the rights change feed (<see cref="RightsChange"/>, ADR 0014) every
/// <see cref="RightsReadModelOptions.PollInterval"/>: drops the snapshots of designs that any replica changed, then
/// tells the read model it is in sync. Starts from the current end (the read model starts empty). When polls fail for
/// longer than <see cref="RightsReadModelOptions.MaxStaleness"/>, the read model stops serving by itself. Also prunes
/// rows this replica read more than <see cref="RightsReadModelOptions.Retention"/> ago (real time, never another
/// machine's clock); any replica may prune, as deleting is idempotent.
/// </summary>
internal sealed class RightsChangeFeed(IServiceScopeFactory scopes, RightsReadModel readModel, ILogger<RightsChangeFeed> logger) : BackgroundService
{
    private const int Page = 1000;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    private readonly Queue<(long At, long Sequence)> _readMarks = new();
    private long? _cursor;
    private long _lastMarkAt;
    private long _pruned;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = readModel.Options;
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken);
                if (failing)
                {
                    logger.LogInformation("Rights change feed readable again");
                    failing = false;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    logger.LogWarning(exception, "Rights change feed poll failed; verification reads the database once {MaxStaleness} has passed", options.MaxStaleness);
                    failing = true;
                }
            }

            try
            {
                await Task.Delay(options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One poll: reads every change after the cursor, drops those designs, marks the read model in sync.</summary>
    internal async Task PollAsync(CancellationToken cancellationToken)
    {
        var startedAt = readModel.Now();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VfipDbContext>();
        if (_cursor is not { } cursor)
        {
            _cursor = await db.RightsChanges.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
            readModel.MarkSynced(startedAt);
            return;
        }

        while (true)
        {
            var since = cursor;
            var changes = await db.RightsChanges.AsNoTracking()
                .Where(c => c.Sequence > since)
                .OrderBy(c => c.Sequence)
                .Take(Page)
                .Select(c => new { c.Sequence, c.DesignId })
                .ToListAsync(cancellationToken);
            if (changes.Count > 0)
            {
                readModel.Invalidate(changes.Select(c => c.DesignId).Distinct(StringComparer.Ordinal));
                cursor = changes[^1].Sequence;
                _cursor = cursor;
            }

            if (changes.Count < Page)
            {
                break;
            }
        }

        readModel.MarkSynced(startedAt);
        await PruneAsync(db, cursor, startedAt, cancellationToken);
    }

    private async Task PruneAsync(VfipDbContext db, long cursor, long now, CancellationToken cancellationToken)
    {
        if (_readMarks.Count > 0 && readModel.ElapsedSince(_lastMarkAt) < PruneEvery)
        {
            return;
        }

        _readMarks.Enqueue((now, cursor));
        _lastMarkAt = now;
        long? upTo = null;
        while (_readMarks.TryPeek(out var mark) && readModel.ElapsedSince(mark.At) >= readModel.Options.Retention)
        {
            upTo = _readMarks.Dequeue().Sequence;
        }

        if (upTo is { } limit && limit > _pruned)
        {
            await db.RightsChanges.Where(c => c.Sequence <= limit).ExecuteDeleteAsync(cancellationToken);
            _pruned = limit;
        }
    }
}
