using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Leases;

namespace Vfip.Infrastructure.Background.Leases;

/// <summary>
/// Elects the one process of a deployment that does a job, with a named lease row in the shared database (see
/// docs/decisions/0007): the outbox sender (one registrar key, so nonces never collide) and the chain indexer (one
/// cursor per contract, moved by one process). The holder renews it well before it runs out; a holder that dies loses
/// it after <paramref name="duration"/>.
/// </summary>
internal abstract class LeaseElection(IServiceScopeFactory scopes, TimeProvider clock, string name, Func<TimeSpan> duration)
{
    public string Name => name;

    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Takes the lease if it is free or expired, or renews it if this instance holds it.</summary>
    public async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration();
        var instance = Instance;

        // The guard is in the UPDATE itself: of several replicas racing for an expired lease exactly one sees 1 row.
        var renewed = await db.Leases
            .Where(l => l.Name == name && (l.Holder == instance || l.Holder == null || l.Until < now))
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, instance).SetProperty(l => l.Until, until), cancellationToken);
        if (renewed == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.Leases.Add(Lease.Create(name, instance, until));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (db.IsUniqueViolation(exception))
        {
            return false; // another replica created it first
        }
    }

    /// <summary>Gives the lease up at once (on shutdown), so another replica need not wait for it to run out.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IVfipDbContext>();
        var instance = Instance;
        await db.Leases.Where(l => l.Name == name && l.Holder == instance)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, (string?)null), cancellationToken);
    }

    /// <summary><see cref="ReleaseAsync"/> on shutdown, where a failure only means another replica waits for the lease to run out.</summary>
    public async Task ReleaseQuietlyAsync(ILogger logger)
    {
        try
        {
            await ReleaseAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not release the {Lease} lease; another replica takes over when it runs out", name);
        }
    }
}
