using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure.Identity;

internal sealed class UserWallets(VfipDbContext db) : IUserWallets
{
    public Task<string?> GetOwnerAddressAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (string?)u.CustodialAddress).FirstOrDefaultAsync(cancellationToken);
}
