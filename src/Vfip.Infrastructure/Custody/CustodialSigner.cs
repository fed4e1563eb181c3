using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Accounts;
using Vfip.Infrastructure.Identity;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure.Custody;

/// <summary>
/// <see cref="ICustodialSigner"/>: finds the sealed key behind a custodial address among Identity's users and has the
/// <see cref="CustodialKeyVault"/> unseal it for the one signature. A singleton, because the chain adapter that asks is
/// one; each call reads the user in a scope of its own.
/// </summary>
internal sealed class CustodialSigner(IServiceScopeFactory scopes, CustodialKeyVault vault) : ICustodialSigner
{
    public async Task<byte[]> SignDigestAsync(string address, byte[] digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var folded = address.ToLowerInvariant();
        var sealedKey = await SealedKeyAsync(u => u.CustodialAddress.ToLower() == folded, cancellationToken)
            ?? throw new InvalidOperationException($"{address} is no user's custodial address.");
        return vault.SignDigest(sealedKey.Holder, sealedKey.Key, digest);
    }

    public async Task<ExportCustodialKey.Result> ExportKeyAsync(string userId, CancellationToken cancellationToken)
    {
        var sealedKey = await SealedKeyAsync(u => u.Id == userId, cancellationToken)
            ?? throw new InvalidOperationException($"There is no user {userId}.");
        return new ExportCustodialKey.Result(sealedKey.Holder.Address, vault.Reveal(sealedKey.Holder, sealedKey.Key));
    }

    private async Task<SealedKey?> SealedKeyAsync(System.Linq.Expressions.Expression<Func<VfipUser, bool>> user, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VfipDbContext>().Users.AsNoTracking()
            .Where(user)
            .Select(u => new SealedKey(u.Id, u.CustodialAddress, u.SealedCustodialKey))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A row's sealed key with the row's id and address, which the vault checks it was sealed for.</summary>
    private sealed record SealedKey(string UserId, string Address, byte[] Key)
    {
        public CustodialKeyHolder Holder => new(UserId, Address);
    }
}
