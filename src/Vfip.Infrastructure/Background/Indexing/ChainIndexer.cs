using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Indexing;

namespace Vfip.Infrastructure.Background.Indexing;

/// <summary>
/// Follows both contracts' events (<see cref="IChainEventSource"/>: settled blocks only, <c>Chain:Confirmations</c> deep,
/// so a reorg shallower than that is never seen) and applies each, in chain order (block, log index), through its use
/// case (<see cref="ChainObservations"/>), so what owners do directly on chain from a wallet — transfers, grants,
/// revocations, lineage links — reaches the read model. One process of a deployment indexes at a time
/// (<see cref="IndexerLeadership"/>). Each contract's cursor is stored (<see cref="ChainCursor"/>) and moved only after
/// the events it covers are applied: a restart resumes there, and a crash in between re-applies a range, which the
/// idempotent use cases shrug off. See docs/decisions/0016.
/// </summary>
internal sealed class ChainIndexer(
    IChainReadiness chain,
    IChainEventSource source,
    IServiceScopeFactory scopes,
    IndexerLeadership leadership,
    IOptions<IndexerOptions> options,
    ILogger<ChainIndexer> logger) : BackgroundService
{
    private readonly IndexerOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            logger.LogInformation("Chain indexer disabled by configuration (Indexer:Enabled)");
            return;
        }

        FollowedChain followed;
        try
        {
            await chain.WaitUntilReadyAsync(stoppingToken);
            followed = await source.GetFollowedChainAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Chain indexer not started: the chain is unavailable");
            return;
        }

        var leading = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var wasLeading = leading;
                    leading = await leadership.TryHoldAsync(stoppingToken);
                    if (leading != wasLeading)
                    {
                        logger.LogInformation(leading
                            ? "Chain indexer {Instance} now indexes for this deployment"
                            : "Chain indexer {Instance} stands by: another replica holds the indexer lease", leadership.Instance);
                    }

                    if (leading)
                    {
                        await CatchUpAsync(followed, stoppingToken);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A node or database hiccup must not stop indexing; no cursor has moved past unapplied events.
                    logger.LogWarning(exception, "Chain indexing round failed; retrying");
                }

                await Task.Delay(_options.PollInterval, stoppingToken);
            }
        }
        finally
        {
            if (leading)
            {
                await leadership.ReleaseQuietlyAsync(logger);
            }
        }
    }

    /// <summary>Applies every settled event after the stored cursors, one block range at a time, moving the cursors after each.</summary>
    private async Task CatchUpAsync(FollowedChain followed, CancellationToken cancellationToken)
    {
        var cursors = await LoadCursorsAsync(followed, cancellationToken);
        var settled = await source.GetSettledBlockAsync(cancellationToken);
        for (var from = cursors.Values.Min(); from <= settled; from = cursors.Values.Min())
        {
            // Renewed before every range: a long catch-up must not outlive the lease unnoticed.
            if (!await leadership.TryHoldAsync(cancellationToken))
            {
                return;
            }

            var to = Math.Min(settled, from + Math.Max(1, _options.MaxBlockRange) - 1);
            var behind = cursors.Where(c => c.Value <= to).Select(c => c.Key).ToList();
            var events = (await source.GetEventsAsync(behind, from, to, cancellationToken))
                .Where(e => cursors.TryGetValue(e.Chain.Contract, out var next) && e.Chain.BlockNumber >= next)
                .ToList();
            await ApplyAsync(events, cancellationToken);

            foreach (var contract in behind)
            {
                await AdvanceAsync(followed.ChainId, contract, to + 1, cancellationToken);
                cursors[contract] = to + 1;
            }

            if (events.Count > 0)
            {
                logger.LogInformation("Chain indexer applied {Count} event(s) up to block {Block}", events.Count, to);
            }
        }
    }

    private async Task ApplyAsync(IReadOnlyList<ObservedChainEvent> events, CancellationToken cancellationToken)
    {
        foreach (var observed in events)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(ChainObservations.CommandFor(observed), cancellationToken);
        }
    }

    /// <summary>The stored cursor of each contract this deployment has, created at its deployment block the first time.</summary>
    private async Task<Dictionary<string, long>> LoadCursorsAsync(FollowedChain followed, CancellationToken cancellationToken)
    {
        var contracts = followed.Contracts.Select(c => c.Address).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
        var stored = await db.ChainCursors.AsNoTracking().Where(c => c.ChainId == followed.ChainId && contracts.Contains(c.Contract))
            .ToDictionaryAsync(c => c.Contract, c => c.NextBlock, cancellationToken);
        var missing = followed.Contracts.Where(c => !stored.ContainsKey(c.Address)).ToList();
        if (missing.Count > 0)
        {
            foreach (var contract in missing)
            {
                db.ChainCursors.Add(ChainCursor.Create(followed.ChainId, contract.Address, contract.DeploymentBlock));
                stored[contract.Address] = contract.DeploymentBlock;
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Chain indexer starts {Contracts} at their deployment blocks {Blocks}",
                string.Join(", ", missing.Select(c => c.Address)), string.Join(", ", missing.Select(c => c.DeploymentBlock)));
        }

        return stored;
    }

    // Only ever forward: an indexer that outlived its lease cannot move a cursor back over what its successor applied.
    private async Task AdvanceAsync(long chainId, string contract, long next, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IVfipDbContext>().ChainCursors
            .Where(c => c.ChainId == chainId && c.Contract == contract && c.NextBlock < next)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.NextBlock, next), cancellationToken);
    }
}
