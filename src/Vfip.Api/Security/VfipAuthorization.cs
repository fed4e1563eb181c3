using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Vfip.Domain.Accounts;
using Vfip.Infrastructure.Identity;

namespace Vfip.Api.Security;

/// <summary>
/// Who may call which endpoint. Every endpoint names one of these (or is anonymous on purpose); the
/// authorization matrix test enumerates every endpoint and fails for one without a rule. Object-level
/// rules (a design's owner) live in one MediatR behavior, not here.
/// </summary>
internal static class VfipPolicies
{
    /// <summary>The default (<c>RequireAuthorization()</c>): a signed-in user. Platform keys are not users: 403.</summary>
    public const string SignedIn = "signed_in";

    /// <summary>A signed-in user holding <c>designer</c>.</summary>
    public const string Designer = "designer";

    /// <summary>A signed-in user holding <c>admin</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Anyone, except a platform key without the <c>identify</c> scope (403) or an invalid key (401).</summary>
    public const string Identify = "identify";

    /// <summary>As <see cref="Identify"/>, for the <c>verify</c> scope (the rights verification endpoints).</summary>
    public const string Verify = "verify";

    /// <summary>The policy scheme: <c>X-Api-Key</c> requests go to the key handler, the rest to Identity's bearer tokens.</summary>
    public const string Scheme = "vfip";

    public static IServiceCollection AddVfipAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(Scheme, "Bearer token or API key", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.BearerScheme);

        // Registered after AddIdentityApiEndpoints' own default, so this one wins.
        services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(options =>
        {
            options.DefaultScheme = Scheme;
            options.DefaultAuthenticateScheme = Scheme;
            options.DefaultChallengeScheme = Scheme;
            options.DefaultForbidScheme = Scheme;
        });

        services.AddSingleton<IAuthorizationHandler, PlatformScopeHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => IsUser(c.User)))
            .AddPolicy(Designer, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => IsUser(c.User)).RequireRole(Roles.Designer))
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => IsUser(c.User)).RequireRole(Roles.Admin))
            .AddPolicy(Identify, policy => policy.AddRequirements(new PlatformScopeRequirement(PlatformScopes.Identify)))
            .AddPolicy(Verify, policy => policy.AddRequirements(new PlatformScopeRequirement(PlatformScopes.Verify)))
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(c => IsUser(c.User)).Build());
        return services;
    }

    /// <summary>A person with an account, not a platform key.</summary>
    public static bool IsUser(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && !principal.HasClaim(c => c.Type == PlatformKeyClaims.KeyId);
}

/// <summary>Open to anonymous callers and users; a platform key needs <see cref="Scope"/>.</summary>
internal sealed record PlatformScopeRequirement(string Scope) : IAuthorizationRequirement;

internal sealed class PlatformScopeHandler : AuthorizationHandler<PlatformScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PlatformScopeRequirement requirement)
    {
        var user = context.User;
        var isKey = user.HasClaim(c => c.Type == PlatformKeyClaims.KeyId);
        if (isKey)
        {
            if (user.HasClaim(PlatformKeyClaims.Scope, requirement.Scope))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask; // a key without the scope: 403
        }

        // A key was sent but did not authenticate (unknown, revoked, expired): 401, not a silent downgrade to anonymous.
        if (context.Resource is HttpContext http && http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
        {
            return Task.CompletedTask;
        }

        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
