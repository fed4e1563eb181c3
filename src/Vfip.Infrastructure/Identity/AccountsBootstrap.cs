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
/// no account has it, creates the first admin with the configured password. An existing account of that
/// address keeps its password and is made admin. The admin holds <c>admin</c> only: admins manage accounts,
/// not property. Safe when several replicas start at once (a unique violation means another one won).
/// </summary>
public static class AccountsBootstrap
{
    public static async Task BootstrapAccountsAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AccountsBootstrap).FullName!);
        await EnsureRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole>>(), provider.GetRequiredService<VfipDbContext>());

        var options = provider.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.Email))
        {
            return;
        }

        var users = provider.GetRequiredService<UserManager<VfipUser>>();
        var admin = await users.FindByEmailAsync(options.Email);
        if (admin is null)
        {
            var password = ReadPassword(options)
                ?? throw new InvalidOperationException("Admin:Email is set but neither Admin:Password nor Admin:PasswordFile gives its initial password.");
            admin = new VfipUser { UserName = options.Email, Email = options.Email };
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded)
            {
                // The reasons name policy rules (too short, no digit ...), never the password itself.
                throw new InvalidOperationException($"The first admin could not be created: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }

            await users.RemoveFromRolesAsync(admin, Roles.SignUp);
        }

        if (!await users.IsInRoleAsync(admin, Roles.Admin))
        {
            await users.AddToRoleAsync(admin, Roles.Admin);
            provider.GetRequiredService<AuditLog>().Record(AuditEventTypes.AdminBootstrapped, admin.Id, "from configuration", actor: "configuration");
            await provider.GetRequiredService<VfipDbContext>().SaveChangesAsync(cancellationToken);
            logger.LogInformation("Account {UserId} ({Email}) is admin, from configuration", admin.Id, options.Email);
        }
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

    private static string? ReadPassword(AdminOptions options) =>
        options.Password is { Length: > 0 } password ? password
        : options.PasswordFile is { Length: > 0 } file ? File.ReadAllText(file).TrimEnd('\r', '\n')
        : null;
}
