using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vfip.Infrastructure.Background.Leases;

namespace Vfip.Infrastructure.Background.Indexing;

/// <summary>The <c>chain-indexer</c> lease: one process of a deployment applies chain events and moves the cursors.</summary>
internal sealed class IndexerLeadership(IServiceScopeFactory scopes, IOptions<IndexerOptions> options, TimeProvider clock)
    : LeaseElection(scopes, clock, LeaseName, () => options.Value.Lease)
{
    public const string LeaseName = "chain-indexer";
}
