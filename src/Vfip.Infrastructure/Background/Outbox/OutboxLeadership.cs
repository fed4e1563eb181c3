using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vfip.Infrastructure.Background.Leases;

namespace Vfip.Infrastructure.Background.Outbox;

/// <summary>The <c>outbox-sender</c> lease: one sender per deployment, so one registrar key never races itself for nonces.</summary>
internal sealed class OutboxLeadership(IServiceScopeFactory scopes, IOptions<OutboxOptions> options, TimeProvider clock)
    : LeaseElection(scopes, clock, LeaseName, () => options.Value.Lease)
{
    public const string LeaseName = "outbox-sender";
}
