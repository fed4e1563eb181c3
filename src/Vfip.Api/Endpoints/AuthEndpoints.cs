using Vfip.Infrastructure.Identity;

namespace Vfip.Api.Endpoints;

internal static class AuthEndpoints
{
    /// <summary>ASP.NET Core Identity's API endpoints (<c>register</c>, <c>login</c>, <c>refresh</c>, ...) under /api/v1/auth.</summary>
    public static void MapAuthEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api/v1/auth").WithTags("Auth")
            .WithDescription("Accounts (ASP.NET Core Identity): register with {email, password} (10+ characters), login for {accessToken, refreshToken, expiresIn}, refresh with {refreshToken}. Send the access token as 'Authorization: Bearer ...'.")
            .MapIdentityApi<VfipUser>();
}
