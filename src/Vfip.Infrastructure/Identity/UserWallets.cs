using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure.Identity;

internal sealed class UserWallets(VfipDbContext db) : IUserWallets
{
    public async Task<DesignOwnerWallet?> GetDesignOwnerAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.CustodialAddress, u.DesignOwnerWallet })
            .FirstOrDefaultAsync(cancellationToken);
        return user switch
        {
            null => null,
            { DesignOwnerWallet: { } wallet } => new DesignOwnerWallet(wallet, SelfCustody: true),
            _ => new DesignOwnerWallet(user.CustodialAddress, SelfCustody: false),
        };
    }

    public async Task<string?> FindUserByAddressAsync(string address, CancellationToken cancellationToken)
    {
        var folded = address.ToLowerInvariant();
        return await db.Users.AsNoTracking().Where(u => u.CustodialAddress.ToLower() == folded).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken)
            ?? await db.LinkedWallets.AsNoTracking().Where(w => w.Address.ToLower() == folded).Select(w => w.UserId).FirstOrDefaultAsync(cancellationToken);
    }
}
