using System.Security.Claims;
using Vfip.Application.Common.Security;
using Vfip.Infrastructure.Identity;

namespace Vfip.Api.Security;

/// <summary>The caller of the current HTTP request; anonymous for background work, which has no request.</summary>
internal sealed class HttpCurrentCaller(IHttpContextAccessor accessor) : ICurrentCaller
{
    public Caller Caller
    {
        get
        {
            var context = accessor.HttpContext;
            if (context is null)
            {
                return Caller.Anonymous();
            }

            var user = context.User;
            var ip = context.Connection.RemoteIpAddress?.ToString();
            if (user.Identity?.IsAuthenticated != true)
            {
                return Caller.Anonymous(ip);
            }

            var keyId = user.FindFirstValue(PlatformKeyClaims.KeyId);
            return new Caller(
                keyId is null ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null,
                keyId,
                user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
                user.FindAll(PlatformKeyClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
                ip);
        }
    }
}
