using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Hosting;

namespace Vfip.Chain.Indexing;

/// <summary>
/// <see cref="IChainEventSource"/> over <c>eth_getLogs</c>: one request per block range for all the contracts asked
/// about, decoded by <see cref="ContractEvents"/>; block times are read once per block that has a followed event.
/// </summary>
internal sealed class ChainEventSource(ChainConnectionSource source) : IChainEventSource
{
    private readonly OnceConnected<ReadOnlyChain> _chain = new(source, ReadOnlyChain.Of);

    public async Task<FollowedChain> GetFollowedChainAsync(CancellationToken cancellationToken)
    {
        var connection = (await _chain.GetAsync(cancellationToken).ConfigureAwait(false)).Connection;

        // The LicenseRegistry was deployed after the DesignRegistry (same block or later), so its deployment block is a safe start.
        var contracts = new[] { connection.RegistryAddress, connection.LicenseRegistryAddress }
            .OfType<string>()
            .Select(address => new FollowedContract(address.ConvertToEthereumChecksumAddress(), connection.DeploymentBlock))
            .ToList();
        return new FollowedChain(connection.ChainId, contracts);
    }

    public async Task<long> GetSettledBlockAsync(CancellationToken cancellationToken)
    {
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        var latest = (long)(await chain.Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
        return latest + 1 - Math.Max(1, chain.Connection.Confirmations);
    }

    public async Task<IReadOnlyList<ObservedChainEvent>> GetEventsAsync(
        IReadOnlyCollection<string> contracts, long fromBlock, long toBlock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var chain = await _chain.GetAsync(cancellationToken).ConfigureAwait(false);
        var logs = await chain.Web3.Eth.Filters.GetLogs.SendRequestAsync(new NewFilterInput
        {
            Address = [.. contracts],
            FromBlock = new BlockParameter(checked((ulong)fromBlock)),
            ToBlock = new BlockParameter(checked((ulong)toBlock)),
        }).WaitAsync(cancellationToken).ConfigureAwait(false);
        var decoded = logs
            .Where(l => l.Removed != true)
            .Select(l => ContractEvents.Decode(l, chain.Connection.ChainId))
            .OfType<DecodedLog>()
            .OrderBy(e => e.At.BlockNumber).ThenBy(e => e.At.LogIndex)
            .ToList();

        var blockTimes = new Dictionary<long, DateTime>();
        var events = new List<ObservedChainEvent>(decoded.Count);
        foreach (var log in decoded)
        {
            if (!blockTimes.TryGetValue(log.At.BlockNumber, out var time))
            {
                var block = await chain.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(log.At.BlockNumber))
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                time = blockTimes[log.At.BlockNumber] = DateTime.UnixEpoch.AddSeconds((long)block.Timestamp.Value);
            }

            events.Add(log.WithTime(time));
        }

        return events;
    }
}
