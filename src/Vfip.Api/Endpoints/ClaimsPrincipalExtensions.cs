using System.Security.Claims;

namespace Vfip.Api.Endpoints;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id; endpoints that call this require authorization, so it is always there.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("An authorized request has no user id claim.");
}
