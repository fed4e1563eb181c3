using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Vfip.Api.Health;
using Vfip.Api.Hosting;
using Vfip.Api.Problems;
using Vfip.Api.Security;
using Vfip.Application;
using Vfip.Chain;
using Vfip.Infrastructure;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Api;

internal static class ServiceCollectionExtensions
{
    /// <summary>The composition root: every layer, plus the HTTP concerns of the public contract.</summary>
    public static IServiceCollection AddVfip(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplication();
        var chain = configuration.GetSection(ChainOptions.Section).Get<ChainOptions>() ?? new ChainOptions();
        services.AddInfrastructure(configuration, embeddedChain: chain.IsEmbedded);
        var dataDir = (configuration.GetSection(VfipOptions.Section).Get<VfipOptions>() ?? new VfipOptions()).ResolveDataDir();
        services.AddChain(configuration, Path.Combine(dataDir, "chain"));
        services.AddBackgroundWork(configuration);

        services.AddVfipAuthorization();
        services.AddVfipRateLimits(configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<Vfip.Application.Common.Security.ICurrentCaller, HttpCurrentCaller>();
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemCodes.AddDefaults);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer<OpenApiDescription>());
        services.AddVfipTelemetry(configuration);
        services.AddSingleton<Endpoints.MultipartUploadReader>();
        services.AddSingleton<Endpoints.RegisterDesignForm>();

        services.AddSingleton<ChainHealthCheck>(); // one cache of the chain probe for every /health/ready
        services.AddHealthChecks()
            .AddCheck("process", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), tags: [VfipHealth.Live])
            .AddDbContextCheck<VfipDbContext>("database", tags: [VfipHealth.Ready])
            .AddCheck<ChainHealthCheck>("chain", tags: [VfipHealth.Ready])
            .AddCheck<OutboxLagHealthCheck>("outbox", tags: [VfipHealth.Ready]);
        return services;
    }

    /// <summary>The contract's JSON: camelCase, enums as snake_case strings.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }
}
