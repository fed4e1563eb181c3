using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vfip.Application.Common.Behaviors;

namespace Vfip.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Wires MediatR 5.1 by hand (its DI package does not restore here): the <see cref="ServiceFactory"/>
    /// delegate, every handler and validator found in this assembly, and the pipeline, outermost first:
    /// logging, then design authorization, then validation.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();

        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(DesignAuthorizationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        var assembly = Assembly.GetExecutingAssembly();
        RegisterClosedImplementations(services, assembly, typeof(IRequestHandler<,>));
        RegisterClosedImplementations(services, assembly, typeof(IValidator<>));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Common.RegistrationGate>();
        // The policies RegisterDesign composes (one named rule each); scoped, as they read the request's DbContext.
        services.AddScoped<Features.Designs.Rules.DerivativeParentsCheck>();
        services.AddScoped<Features.Designs.Rules.PriorRegistrationLookup>();
        services.AddScoped<Features.Designs.Rules.PriorArtCheck>();
        services.AddScoped<Features.Designs.Rules.PriorArtReview>();
        services.AddScoped<Common.Security.AuditLog>();
        services.AddScoped<Features.Verification.Rules.RightsVerifier>();
        services.AddSingleton(provider => new Features.Verification.Rules.RightsReadModel(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Features.Verification.Rules.RightsReadModelOptions>>()));
        return services;
    }

    private static void RegisterClosedImplementations(IServiceCollection services, Assembly assembly, Type openInterface)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface))
            {
                services.AddTransient(contract, type);
            }
        }
    }
}
