namespace Vfip.Domain.Accounts;

/// <summary>
/// What an account may do. A user may hold several; signing up gives <see cref="Designer"/> and
/// <see cref="Licensee"/>. Platforms act through API keys, which carry <see cref="Platform"/>.
/// </summary>
public static class Roles
{
    /// <summary>Registers and manages their own designs.</summary>
    public const string Designer = "designer";

    /// <summary>Accepts and holds licences.</summary>
    public const string Licensee = "licensee";

    /// <summary>Verification and reports, through API keys.</summary>
    public const string Platform = "platform";

    /// <summary>Decides disputes.</summary>
    public const string Arbiter = "arbiter";

    /// <summary>Manages accounts, roles and platform keys; never anyone's property.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Designer, Licensee, Platform, Arbiter, Admin];

    /// <summary>What a new sign-up gets.</summary>
    public static IReadOnlyList<string> SignUp { get; } = [Designer, Licensee];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
