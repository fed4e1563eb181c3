using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Vfip.Chain;

/// <summary>
/// <c>eth_getLogs</c> from the deployment block to the head, in windows of at most
/// <see cref="ChainConnection.MaxLogBlockRange"/> blocks. Hosted RPC providers cap the range of one request whatever
/// its topic filter (and a node answers a filtered query over a long chain slowly anyway), so "since deployment,
/// filtered by the indexed token id" must be many bounded requests, not one.
/// </summary>
internal static class LogPages
{
    /// <summary>The head block: read once per query (or once for several), so every window ends at or before it.</summary>
    public static async Task<long> HeadAsync(Web3 web3, CancellationToken cancellationToken) =>
        (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>Every matching log from the deployment block to <paramref name="head"/>, oldest first; removed logs left out.</summary>
    /// <param name="filter">The query's filter for one window (from, to).</param>
    public static async Task<List<EventLog<TEvent>>> AllAsync<TEvent>(
        Event<TEvent> handler, ChainConnection connection, long head,
        Func<BlockParameter, BlockParameter, NewFilterInput> filter, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var found = new List<EventLog<TEvent>>();
        foreach (var (from, to) in Windows(connection.DeploymentBlock, head, connection.MaxLogBlockRange))
        {
            found.AddRange(await WindowAsync(handler, filter, from, to, cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    /// <summary>
    /// The newest matching log, searching back from the head one window at a time and stopping at the first window
    /// that has one: what recovery looks for (a registration, grant or revocation that happened once, or the last
    /// transfer) is almost always recent, so this costs one or two requests instead of one per window since deployment.
    /// </summary>
    public static async Task<EventLog<TEvent>?> LatestAsync<TEvent>(
        Web3 web3, Event<TEvent> handler, ChainConnection connection,
        Func<BlockParameter, BlockParameter, NewFilterInput> filter, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var head = await HeadAsync(web3, cancellationToken).ConfigureAwait(false);
        foreach (var (from, to) in Windows(connection.DeploymentBlock, head, connection.MaxLogBlockRange).Reverse())
        {
            var logs = await WindowAsync(handler, filter, from, to, cancellationToken).ConfigureAwait(false);
            if (logs.Count > 0)
            {
                return logs.OrderBy(e => e.Log.BlockNumber.Value).ThenBy(e => e.Log.LogIndex.Value).Last();
            }
        }

        return null;
    }

    /// <summary>[from, to] cut into consecutive windows of at most <paramref name="maxRange"/> blocks (at least 1), oldest first.</summary>
    public static IEnumerable<(long From, long To)> Windows(long from, long to, int maxRange)
    {
        var size = Math.Max(1, maxRange);
        for (var start = Math.Max(0, from); start <= to; start += size)
        {
            yield return (start, Math.Min(to, start + size - 1));
        }
    }

    private static async Task<List<EventLog<TEvent>>> WindowAsync<TEvent>(
        Event<TEvent> handler, Func<BlockParameter, BlockParameter, NewFilterInput> filter, long from, long to, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var logs = await handler.GetAllChangesAsync(filter(new BlockParameter(checked((ulong)from)), new BlockParameter(checked((ulong)to))))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return logs.Where(l => l.Log.Removed != true).ToList();
    }
}
