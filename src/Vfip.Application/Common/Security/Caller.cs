namespace Vfip.Application.Common.Security;

/// <summary>
/// Who is making the current request, as use cases need to know it: a signed-in user (with the roles the
/// store holds now), a platform key (with its scopes), or nobody.
/// </summary>
/// <param name="UserId">The signed-in user; null for platform keys and anonymous callers.</param>
/// <param name="PlatformKeyId">The platform key; null for users and anonymous callers.</param>
public sealed record Caller(
    string? UserId,
    string? PlatformKeyId,
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> Scopes,
    string? IpAddress)
{
    /// <summary>Nobody: background work (the outbox sender) and anonymous requests.</summary>
    public static Caller Anonymous(string? ipAddress = null) =>
        new(null, null, new HashSet<string>(), new HashSet<string>(), ipAddress);

    /// <summary>How the audit log names the actor: a user id, or <c>key:&lt;id&gt;</c>.</summary>
    public string? AuditName => UserId ?? (PlatformKeyId is { } key ? $"key:{key}" : null);

    /// <summary>The signed-in user's id; for use cases whose endpoints admit users only.</summary>
    public string RequireUserId() =>
        UserId ?? throw new InvalidOperationException("This use case needs a signed-in user; its endpoint policy should have said so.");
}

/// <summary>The caller of the request being handled (from the HTTP context; anonymous outside a request).</summary>
public interface ICurrentCaller
{
    Caller Caller { get; }
}
