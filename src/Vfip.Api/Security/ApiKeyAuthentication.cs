using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Domain.Accounts;
using Vfip.Infrastructure.Identity;

namespace Vfip.Api.Security;

/// <summary>
/// Authenticates platforms by their <c>X-Api-Key</c> header: the key names its row, its SHA-256 must match
/// the stored hash (compared in constant time), and the key must be neither revoked nor expired. The
/// principal carries the <c>platform</c> role and one claim per scope, and no user id.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IVfipDbContext db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        // Failure messages are logged by the framework: they never carry the presented key.
        var presented = values.ToString();
        if (PlatformKeySecrets.IdOf(presented) is not { } id)
        {
            return AuthenticateResult.Fail("The X-Api-Key header is not a VFIP API key.");
        }

        var key = await db.PlatformKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, Context.RequestAborted);
        if (key is null || !PlatformKeySecrets.Matches(presented, key.SecretHash) || !key.IsActive(clock.GetUtcNow().UtcDateTime))
        {
            return AuthenticateResult.Fail($"Platform key {id} is unknown, revoked or expired.");
        }

        var identity = new ClaimsIdentity(PlatformKeyClaims.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(PlatformKeyClaims.KeyId, key.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, key.Organisation));
        identity.AddClaim(new Claim(ClaimTypes.Role, Roles.Platform));
        identity.AddClaims(key.Scopes.Select(s => new Claim(PlatformKeyClaims.Scope, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
