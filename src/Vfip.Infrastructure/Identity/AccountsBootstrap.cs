using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Security;
using Vfip.Domain.Accounts;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure.Identity;

/// <summary>
/// Run once at start, after migrations: makes sure every role exists and, when <c>Admin:Email</c> is set and
/// no account has it, creates the first admin with the configured password. The admin holds <c>admin</c> only:
/// admins manage accounts, not property. Safe when several replicas start at once (a unique violation means
/// another one won).
/// <para>
/// It never makes an existing account admin. Sign-up does not confirm an address, so an account holding
/// <c>Admin:Email</c> before the operator named it may belong to anyone who guessed the address. Such an account is
/// left as it is; the start logs a warning naming it and records <see cref="AuditEventTypes.AdminPromotionWithheld"/>
/// once. Only the operator promotes it, with <see cref="PromoteAdminAsync"/> (the <c>promote-admin</c> command),
/// which needs the account's id as well as its address.
/// </para>
/// </summary>
public static class AccountsBootstrap
{
    /// <summary>Who the audit log names for what the operator did through configuration or a command.</summary>
    private const string ConfigurationActor = "configuration";
    private const string OperatorActor = "operator";

    public static async Task BootstrapAccountsAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = Logger(provider);
        var db = provider.GetRequiredService<VfipDbContext>();
        await EnsureRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole>>(), db);

        var options = provider.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.Email))
        {
            return;
        }

        var users = provider.GetRequiredService<UserManager<VfipUser>>();
        var existing = await users.FindByEmailAsync(options.Email)
            ?? await TryCreateAdminAsync(provider, users, db, options, cancellationToken);
        if (existing is null || await users.IsInRoleAsync(existing, Roles.Admin))
        {
            return; // created just now, or made admin before
        }

        logger.LogWarning(
            "Admin:Email {Email} is the existing account {UserId}, which is not admin and was not made admin: sign-up does not " +
            "confirm addresses, so an account that existed before configuration named it proves nothing. If the account is yours " +
            "(you can sign in to it and GET /api/v1/me answers that id), run once, with the service's configuration: {Command}. " +
            "If it is not yours, set Admin:Email to another address.",
            options.Email, existing.Id, $"dotnet Vfip.Api.dll promote-admin --email {options.Email} --user-id {existing.Id}");
        if (!await db.AuditEvents.AnyAsync(e => e.Type == AuditEventTypes.AdminPromotionWithheld && e.Subject == existing.Id, cancellationToken))
        {
            provider.GetRequiredService<AuditLog>().Record(
                AuditEventTypes.AdminPromotionWithheld, existing.Id, "Admin:Email names an existing account", actor: ConfigurationActor);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Makes the account <paramref name="userId"/> admin, when its address is <paramref name="email"/>: the operator's
    /// explicit confirmation that an existing account is theirs. True when it was promoted; false when it was admin already
    /// (nothing is changed or recorded again). Throws <see cref="InvalidOperationException"/> when there is no such account
    /// or its address is another.
    /// </summary>
    public static async Task<bool> PromoteAdminAsync(this IServiceProvider services, string email, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<VfipDbContext>();
        await EnsureRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole>>(), db);
        var users = provider.GetRequiredService<UserManager<VfipUser>>();
        var user = await users.FindByIdAsync(userId)
            ?? throw new InvalidOperationException($"There is no account {userId}; nothing was changed.");
        if (!string.Equals(users.NormalizeEmail(user.Email), users.NormalizeEmail(email), StringComparison.Ordinal))
        {
            // Both must name the same account, so a mistyped id cannot promote someone else.
            throw new InvalidOperationException($"Account {userId} does not have the address {email}; nothing was changed.");
        }

        var logger = Logger(provider);
        if (await users.IsInRoleAsync(user, Roles.Admin))
        {
            logger.LogInformation("Account {UserId} is admin already; nothing was changed", user.Id);
            return false;
        }

        // Recorded first, so the role and its audit event commit in the one save AddToRoleAsync makes.
        provider.GetRequiredService<AuditLog>().Record(AuditEventTypes.AdminPromoted, user.Id, "promote-admin", actor: OperatorActor);
        var added = await users.AddToRoleAsync(user, Roles.Admin);
        if (!added.Succeeded)
        {
            throw new InvalidOperationException($"Account {userId} could not be made admin: {string.Join(" ", added.Errors.Select(e => e.Description))}");
        }

        logger.LogInformation("Account {UserId} ({Email}) is admin, promoted by the operator", user.Id, user.Email);
        return true;
    }

    /// <summary>
    /// Creates the first admin in one transaction (the account never exists without its role, so no other replica can see
    /// it half made and mistake it for someone else's); null when the address was taken meanwhile (another replica's
    /// bootstrap, or a sign-up on a replica already running), which the caller then treats as an existing account.
    /// </summary>
    private static async Task<VfipUser?> TryCreateAdminAsync(
        IServiceProvider provider, UserManager<VfipUser> users, VfipDbContext db, AdminOptions options, CancellationToken cancellationToken)
    {
        var password = ReadPassword(options)
            ?? throw new InvalidOperationException("Admin:Email is set but neither Admin:Password nor Admin:PasswordFile gives its initial password.");
        var admin = new VfipUser { UserName = options.Email, Email = options.Email };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            bool taken;
            try
            {
                var created = await users.CreateAsync(admin, password);
                taken = created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
                if (!created.Succeeded && !taken)
                {
                    // The reasons name policy rules (too short, no digit ...), never the password itself.
                    throw new InvalidOperationException($"The first admin could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
                }

                if (!taken)
                {
                    await users.RemoveFromRolesAsync(admin, Roles.SignUp);
                    await users.AddToRoleAsync(admin, Roles.Admin);
                    provider.GetRequiredService<AuditLog>().Record(AuditEventTypes.AdminBootstrapped, admin.Id, "from configuration", actor: ConfigurationActor);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            catch (DbUpdateException exception) when (db.IsUniqueViolation(exception))
            {
                taken = true;
            }

            if (taken)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return await users.FindByEmailAsync(options.Email!);
            }
        }

        Logger(provider).LogInformation("Account {UserId} ({Email}) is admin, created from configuration", admin.Id, options.Email);
        return null;
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles, VfipDbContext db)
    {
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role))
            {
                continue;
            }

            try
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
            catch (DbUpdateException exception) when (db.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear(); // another replica created it first
            }
        }
    }

    private static ILogger Logger(IServiceProvider provider) =>
        provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountsBootstrap).FullName!);

    private static string? ReadPassword(AdminOptions options) =>
        options.Password is { Length: > 0 } password ? password
        : options.PasswordFile is { Length: > 0 } file ? File.ReadAllText(file).TrimEnd('\r', '\n')
        : null;
}
