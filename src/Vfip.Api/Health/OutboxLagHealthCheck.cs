using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vfip.Application.Common.Abstractions;

namespace Vfip.Api.Health;

/// <summary>Unready when the oldest unsent outbox message is older than <c>Outbox:MaxLag</c> (default 5 minutes).</summary>
internal sealed class OutboxLagHealthCheck(IVfipDbContext db, IConfiguration configuration, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var maxLag = configuration.GetValue("Outbox:MaxLag", TimeSpan.FromMinutes(5));
        var oldest = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (oldest is null)
        {
            return HealthCheckResult.Healthy("The outbox is empty.");
        }

        var lag = clock.GetUtcNow().UtcDateTime - oldest.Value;
        return lag <= maxLag
            ? HealthCheckResult.Healthy($"Oldest unsent message is {lag.TotalSeconds:F0} s old.")
            : HealthCheckResult.Unhealthy($"Oldest unsent message is {lag.TotalSeconds:F0} s old (limit {maxLag.TotalSeconds:F0} s).");
    }
}
