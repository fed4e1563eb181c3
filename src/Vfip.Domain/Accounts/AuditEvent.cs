namespace Vfip.Domain.Accounts;

/// <summary>
/// One security event, kept for admins: who did what to whom, when and from where. Never a secret: no
/// passwords, keys, tokens or signatures, only ids and addresses.
/// </summary>
public sealed class AuditEvent
{
    // For EF Core.
    private AuditEvent()
    {
    }

    public long Id { get; private set; }

    public DateTime OccurredAt { get; private set; }

    /// <summary>One of <see cref="AuditEventTypes"/>.</summary>
    public string Type { get; private set; } = null!;

    /// <summary>The user or platform key that acted (<c>key:&lt;id&gt;</c>); null when anonymous.</summary>
    public string? Actor { get; private set; }

    /// <summary>
    /// What it was done to: a user id or a key id; null when there is nothing to name (a failed login with a name that
    /// belongs to no account is recorded without that name, which may be anything the caller typed, even a password).
    /// </summary>
    public string? Subject { get; private set; }

    public string? IpAddress { get; private set; }

    public string? Detail { get; private set; }

    public static AuditEvent Create(string type, string? actor, string? subject, string? ipAddress, string? detail, DateTime now) =>
        new() { Type = type, Actor = actor, Subject = subject, IpAddress = ipAddress, Detail = detail, OccurredAt = now };
}

/// <summary>The security events the audit log records (snake_case, stable: admins filter on them).</summary>
public static class AuditEventTypes
{
    public const string LoginFailed = "login_failed";
    public const string AccountLockedOut = "account_locked_out";
    public const string AccountUnlocked = "account_unlocked";
    public const string RolesChanged = "roles_changed";
    public const string AdminBootstrapped = "admin_bootstrapped";

    /// <summary>An existing account made admin by the operator's <c>promote-admin</c> command.</summary>
    public const string AdminPromoted = "admin_promoted";

    /// <summary><c>Admin:Email</c> names an account that existed already; it was not made admin (recorded once per account).</summary>
    public const string AdminPromotionWithheld = "admin_promotion_withheld";
    public const string PlatformKeyIssued = "platform_key_issued";
    public const string PlatformKeyRevoked = "platform_key_revoked";
    public const string WalletLinked = "wallet_linked";
    public const string WalletLinkRefused = "wallet_link_refused";
    public const string DesignOwnershipChanged = "design_ownership_changed";
    public const string CustodialKeyExported = "custodial_key_exported";
    public const string ReauthenticationFailed = "reauthentication_failed";
    public const string DerivativeApproved = "derivative_approved";
    public const string DerivativeRefused = "derivative_refused";
}
