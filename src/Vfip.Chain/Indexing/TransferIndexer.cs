using System.Globalization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Designs;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.Hosting;

namespace Vfip.Chain.Indexing;

/// <summary>Configuration section <c>Indexer</c>.</summary>
public sealed class IndexerOptions
{
    public const string Section = "Indexer";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the chain is polled for new Transfer events.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Follows the DesignRegistry's Transfer events (log polling, <c>Chain:Confirmations</c> deep) and makes each design's
/// owner follow the chain, so a transfer made directly from a wallet reaches the read model. The cursor lives in
/// memory and starts at the deployment block: a restart re-reads the history, which is safe because applying a
/// transfer is idempotent, and so is several replicas doing it at once.
/// </summary>
internal sealed class TransferIndexer(
    ChainConnectionSource chain, IServiceScopeFactory scopes, IOptions<IndexerOptions> options, ILogger<TransferIndexer> logger) : BackgroundService
{
    private const ulong MaxRange = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        ChainConnection connection;
        try
        {
            connection = await chain.GetAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Transfer indexer not started: the chain is unavailable");
            return;
        }

        var web3 = new Web3(connection.RpcUrl);
        var contract = connection.RegistryAddress.ConvertToEthereumChecksumAddress();
        var next = checked((ulong)connection.DeploymentBlock);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var latest = (ulong)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(stoppingToken)).Value;
                var settled = latest + 1 - (ulong)Math.Max(1, connection.Confirmations);
                while (next <= settled)
                {
                    var to = Math.Min(settled, next + MaxRange - 1);
                    var transfers = web3.Eth.GetEvent<TransferEventDTO>(contract);
                    var logs = await transfers.GetAllChangesAsync(transfers.CreateFilterInput(new BlockParameter(next), new BlockParameter(to))).WaitAsync(stoppingToken);
                    foreach (var log in logs.Where(l => l.Log.Removed != true && !AddressUtil.Current.AreAddressesTheSame(l.Event.From, AddressUtil.ZERO_ADDRESS))
                                 .OrderBy(l => l.Log.BlockNumber.Value).ThenBy(l => l.Log.LogIndex.Value))
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                            new ObserveDesignTransfer.Command(
                                log.Event.TokenId.ToString(CultureInfo.InvariantCulture),
                                log.Event.To.ConvertToEthereumChecksumAddress(),
                                new ChainEventRecord(connection.ChainId, contract, log.Log.TransactionHash.ToLowerInvariant(),
                                    checked((long)log.Log.BlockNumber.Value), checked((int)log.Log.LogIndex.Value))),
                            stoppingToken);
                    }

                    next = to + 1;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A node or database hiccup must not stop indexing; the cursor has not moved past unapplied logs.
                logger.LogWarning(exception, "Transfer indexing round failed at block {Block}; retrying", next);
            }

            await Task.Delay(options.Value.PollInterval, stoppingToken);
        }
    }
}
