using Vfip.Application.Common.Abstractions;

namespace Vfip.Chain.Hosting;

/// <summary>The Application's <see cref="IChainHistory"/>: waits for the chain connection, then reads logs.</summary>
internal sealed class ChainHistory(ChainConnectionSource source) : IChainHistory
{
    public async Task<IReadOnlyList<ChainHistoryEvent>> GetTokenHistoryAsync(string tokenId, CancellationToken cancellationToken) =>
        await new ChainHistoryReader(await source.GetAsync(cancellationToken)).GetTokenHistoryAsync(tokenId, cancellationToken);
}
