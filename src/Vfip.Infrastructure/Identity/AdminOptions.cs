namespace Vfip.Infrastructure.Identity;

/// <summary>
/// Configuration section <c>Admin</c>: the first admin, created at start when no account has that e-mail
/// address. The password comes from configuration (a secret) or a file, never from source code.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>E-mail address of the first admin (environment <c>Admin__Email</c>). Empty: no admin is created.</summary>
    public string? Email { get; set; }

    /// <summary>Its initial password (environment <c>Admin__Password</c>); must meet the password policy.</summary>
    public string? Password { get; set; }

    /// <summary>A file holding the initial password instead (a mounted secret; environment <c>Admin__PasswordFile</c>).</summary>
    public string? PasswordFile { get; set; }
}
