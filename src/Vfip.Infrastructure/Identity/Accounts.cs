using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Paging;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure.Identity;

/// <summary><see cref="IAccounts"/> over ASP.NET Core Identity.</summary>
internal sealed class Accounts(VfipDbContext db, UserManager<VfipUser> users, TimeProvider clock) : IAccounts
{
    public async Task<UserAccount?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null ? null : Describe(user, await RolesOfAsync([user.Id], cancellationToken));
    }

    public async Task<PagedList<UserAccount>> ListAsync(string? email, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (email is { Length: > 0 })
        {
            var normalized = users.NormalizeEmail(email);
            query = query.Where(u => u.NormalizedEmail!.Contains(normalized));
        }

        var total = await query.CountAsync(cancellationToken);
        var found = await query.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        var roles = await RolesOfAsync(found.Select(u => u.Id).ToList(), cancellationToken);
        return new PagedList<UserAccount>(found.Select(u => Describe(u, roles)).ToList(), page, pageSize, total);
    }

    public async Task SetRolesAsync(string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        var current = await users.GetRolesAsync(user);
        Check(await users.RemoveFromRolesAsync(user, current.Except(roles, StringComparer.Ordinal)));
        Check(await users.AddToRolesAsync(user, roles.Except(current, StringComparer.Ordinal)));
    }

    public async Task UnlockAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    }

    public async Task<PasswordCheck> CheckPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        if (await users.IsLockedOutAsync(user))
        {
            return PasswordCheck.LockedOut;
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            return PasswordCheck.Correct;
        }

        // The same count and lockout as a failed login: re-authentication is no back door for guessing.
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? PasswordCheck.LockedOut : PasswordCheck.Wrong;
    }

    public async Task<string> GetCustodialAddressAsync(string userId, CancellationToken cancellationToken) =>
        (await RequireAsync(userId)).CustodialAddress;

    public async Task SetDesignOwnerWalletAsync(string userId, string? walletAddress, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        user.DesignOwnerWallet = walletAddress;
        Check(await users.UpdateAsync(user));
    }

    private async Task<VfipUser> RequireAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"There is no user {userId}.");

    private async Task<ILookup<string, string>> RolesOfAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        (await db.UserRoles.AsNoTracking()
            .Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken))
        .ToLookup(x => x.UserId, x => x.Name!);

    private UserAccount Describe(VfipUser user, ILookup<string, string> roles) => new(
        user.Id,
        user.Email ?? string.Empty,
        roles[user.Id].Order(StringComparer.Ordinal).ToList(),
        user.CustodialAddress,
        user.DesignOwnerWallet,
        user.LockoutEnd is { } end && end > clock.GetUtcNow() ? end : null,
        user.AccessFailedCount);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}")));
        }
    }
}
