using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure.Identity;

/// <summary>
/// Replaces the role claims a bearer token was issued with by the roles the store holds now, so an admin's
/// change (or removal of an account) applies on the next request rather than when the token runs out.
/// One indexed read per authenticated request.
/// </summary>
internal sealed class RoleClaims(VfipDbContext db, IOptions<IdentityOptions> options) : IClaimsTransformation
{
    private const string Marker = "vfip:roles_from_store";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        var claimTypes = options.Value.ClaimsIdentity;
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || identity.HasClaim(c => c.Type == Marker)
            || principal.FindFirstValue(claimTypes.UserIdClaimType) is not { } userId
            || identity.AuthenticationType == PlatformKeyClaims.AuthenticationType)
        {
            return principal;
        }

        var exists = await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId);
        if (!exists)
        {
            return new ClaimsPrincipal(new ClaimsIdentity()); // a deleted account's token is worth nothing
        }

        var roles = await db.UserRoles.AsNoTracking()
            .Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!)
            .ToListAsync();
        var fresh = new ClaimsIdentity(
            identity.Claims.Where(c => c.Type != claimTypes.RoleClaimType),
            identity.AuthenticationType,
            identity.NameClaimType,
            claimTypes.RoleClaimType);
        fresh.AddClaims(roles.Select(r => new Claim(claimTypes.RoleClaimType, r)));
        fresh.AddClaim(new Claim(Marker, "1"));
        return new ClaimsPrincipal(fresh);
    }
}

/// <summary>How a platform key's principal looks (built by the API's key authentication handler).</summary>
public static class PlatformKeyClaims
{
    public const string AuthenticationType = "ApiKey";
    public const string KeyId = "vfip:platform_key";
    public const string Scope = "vfip:scope";
}
