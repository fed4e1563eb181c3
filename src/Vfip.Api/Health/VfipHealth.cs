using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vfip.Api.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (no dependency is consulted, so a slow chain never gets the
/// process restarted). <c>/health/ready</c>: database, chain and outbox lag, each reported by name.
/// </summary>
internal static class VfipHealth
{
    public const string Live = "live";
    public const string Ready = "ready";

    public static void MapVfipHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Live), ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        }));
    }
}
