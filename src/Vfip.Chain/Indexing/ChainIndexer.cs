using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Indexing;
using Vfip.Chain.Hosting;

namespace Vfip.Chain.Indexing;

/// <summary>
/// Follows both contracts' events (log polling, <c>Chain:Confirmations</c> deep, so a reorg shallower than that is
/// never seen) and applies each, in chain order (block, log index), through its use case (<see cref="ContractEvents"/>),
/// so what owners do directly on chain from a wallet — transfers, grants, revocations, lineage links — reaches the read
/// model. One process of a deployment indexes at a time (<see cref="IndexerLeadership"/>). Each contract's cursor is
/// stored (<see cref="ChainCursor"/>) and moved only after the events it covers are applied: a restart resumes there,
/// and a crash in between re-applies a range, which the idempotent use cases shrug off. See docs/decisions/0016.
/// </summary>
internal sealed class ChainIndexer(
    ChainConnectionSource chain,
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

        ChainConnection connection;
        try
        {
            connection = await chain.GetAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Chain indexer not started: the chain is unavailable");
            return;
        }

        var web3 = new Web3(connection.RpcUrl);
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
                        await CatchUpAsync(web3, connection, stoppingToken);
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
    private async Task CatchUpAsync(Web3 web3, ChainConnection connection, CancellationToken cancellationToken)
    {
        var cursors = await LoadCursorsAsync(connection, cancellationToken);
        var latest = (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(cancellationToken)).Value;
        var settled = latest + 1 - Math.Max(1, connection.Confirmations);
        for (var from = cursors.Values.Min(); from <= settled; from = cursors.Values.Min())
        {
            // Renewed before every range: a long catch-up must not outlive the lease unnoticed.
            if (!await leadership.TryHoldAsync(cancellationToken))
            {
                return;
            }

            var to = Math.Min(settled, from + Math.Max(1, _options.MaxBlockRange) - 1);
            var behind = cursors.Where(c => c.Value <= to).Select(c => c.Key).ToList();
            var logs = await web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
            {
                Address = behind.ToArray(),
                FromBlock = new BlockParameter(checked((ulong)from)),
                ToBlock = new BlockParameter(checked((ulong)to)),
            }).WaitAsync(cancellationToken);
            var events = logs
                .Where(l => l.Removed != true && cursors.TryGetValue(l.Address.ConvertToEthereumChecksumAddress(), out var next) && (long)l.BlockNumber.Value >= next)
                .Select(l => ContractEvents.Decode(l, connection.ChainId))
                .OfType<IndexedEvent>()
                .OrderBy(e => e.BlockNumber).ThenBy(e => e.LogIndex)
                .ToList();
            await ApplyAsync(web3, events, cancellationToken);

            foreach (var contract in behind)
            {
                await AdvanceAsync(connection.ChainId, contract, to + 1, cancellationToken);
                cursors[contract] = to + 1;
            }

            if (events.Count > 0)
            {
                logger.LogInformation("Chain indexer applied {Count} event(s) up to block {Block}", events.Count, to);
            }
        }
    }

    private async Task ApplyAsync(Web3 web3, IReadOnlyList<IndexedEvent> events, CancellationToken cancellationToken)
    {
        var blockTimes = new Dictionary<ulong, DateTime>();
        foreach (var indexed in events)
        {
            if (!blockTimes.TryGetValue(indexed.BlockNumber, out var time))
            {
                var block = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(indexed.BlockNumber)).WaitAsync(cancellationToken);
                time = blockTimes[indexed.BlockNumber] = DateTime.UnixEpoch.AddSeconds((long)block.Timestamp.Value);
            }

            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(indexed.Observation(time), cancellationToken);
        }
    }

    /// <summary>The stored cursor of each contract this deployment has, created at the deployment block the first time.</summary>
    private async Task<Dictionary<string, long>> LoadCursorsAsync(ChainConnection connection, CancellationToken cancellationToken)
    {
        // The LicenseRegistry was deployed after the DesignRegistry (same block or later), so its deployment block is a safe start.
        var contracts = new[] { connection.RegistryAddress, connection.LicenseRegistryAddress }
            .OfType<string>().Select(a => a.ConvertToEthereumChecksumAddress()).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
        var stored = await db.ChainCursors.AsNoTracking().Where(c => c.ChainId == connection.ChainId && contracts.Contains(c.Contract))
            .ToDictionaryAsync(c => c.Contract, c => c.NextBlock, cancellationToken);
        var missing = contracts.Where(c => !stored.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            foreach (var contract in missing)
            {
                db.ChainCursors.Add(ChainCursor.Create(connection.ChainId, contract, connection.DeploymentBlock));
                stored[contract] = connection.DeploymentBlock;
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Chain indexer starts {Contracts} at deployment block {Block}", string.Join(", ", missing), connection.DeploymentBlock);
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
