using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vfip.Api.Problems;
using Vfip.Infrastructure.Identity;

namespace Vfip.Api.Security;

/// <summary>Configuration section <c>RateLimits</c>: requests per <see cref="Window"/>, per caller.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Anonymous callers, per client IP address (default 60).</summary>
    public int AnonymousPerWindow { get; set; } = 60;

    /// <summary>Signed-in users, per account (default 1,200).</summary>
    public int SignedInPerWindow { get; set; } = 1_200;

    /// <summary>Platform keys, per key (default 12,000).</summary>
    public int PlatformKeyPerWindow { get; set; } = 12_000;

    /// <summary>The fixed window the limits count in (default one minute).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// One global limiter, partitioned by who calls: a platform key by its id, a user by their account, anyone
/// else by IP address. It runs after authentication (it needs to know the caller) and before authorization,
/// so refused requests count too. Health probes are never limited. Over the limit: 429 with Retry-After and
/// a ProblemDetails <c>rate_limited</c>.
/// </summary>
internal static class RateLimits
{
    public static IServiceCollection AddVfipRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health"))
        {
            return RateLimitPartition.GetNoLimiter("health");
        }

        var limits = context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        var user = context.User;
        var (key, permits) = user.FindFirstValue(PlatformKeyClaims.KeyId) is { } keyId
            ? ($"key:{keyId}", limits.PlatformKeyPerWindow)
            : VfipPolicies.IsUser(user) && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
                ? ($"user:{userId}", limits.SignedInPerWindow)
                : ($"ip:{context.Connection.RemoteIpAddress}", limits.AnonymousPerWindow);

        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = limits.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests.",
            Detail = $"The rate limit for this caller is used up; retry after {seconds} s.",
        };
        problem.Extensions["code"] = ProblemCodes.RateLimited;
        problem.Extensions["retryAfter"] = seconds;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
