using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Vfip.Application.Common.Diagnostics;

namespace Vfip.Api.Hosting;

/// <summary>
/// OpenTelemetry traces, metrics and logs (ASP.NET Core, EF Core, HttpClient including the chain's JSON-RPC
/// calls, and VFIP's own <see cref="VfipMetrics"/>), exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set. Without it nothing is collected: the embedded default pays nothing for telemetry nobody reads.
/// </summary>
internal static class Telemetry
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    public static IServiceCollection AddVfipTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
        {
            return services;
        }

        // The exporter itself reads the standard OTEL_EXPORTER_OTLP_* settings (endpoint, protocol, headers).
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration[ServiceNameKey] is { Length: > 0 } name ? name : "vfip"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource(VfipMetrics.MeterName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore")
                .AddMeter(VfipMetrics.MeterName))
            .WithLogging()
            .UseOtlpExporter();
        return services;
    }
}
