using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Accounts;

/// <summary>The signed-in user's own account: roles, the address that owns their new designs, their linked wallets.</summary>
public static class GetMe
{
    public sealed record Query : IRequest<MeResponse>;

    internal sealed class Handler(IVfipDbContext db, IAccounts accounts, ICurrentCaller current) : IRequestHandler<Query, MeResponse>
    {
        public async Task<MeResponse> Handle(Query query, CancellationToken cancellationToken) =>
            await DescribeAsync(db, accounts, current.Caller.RequireUserId(), cancellationToken);
    }

    internal static async Task<MeResponse> DescribeAsync(IVfipDbContext db, IAccounts accounts, string userId, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(userId, cancellationToken)
            ?? throw SignedInUserGone();
        var wallets = await db.LinkedWallets.AsNoTracking()
            .Where(w => w.UserId == userId)
            .OrderBy(w => w.LinkedAt)
            .Select(w => new WalletResponse(w.Address, w.LinkedAt))
            .ToListAsync(cancellationToken);
        return new MeResponse(
            account.Id,
            account.Email,
            account.Roles,
            account.DesignOwnerWallet ?? account.CustodialAddress,
            account.DesignOwnerWallet is null ? DesignCustody.Custodial : DesignCustody.Wallet,
            account.CustodialAddress,
            wallets);
    }

    /// <summary>The signed-in user's account is gone (deleted while their token is still valid).</summary>
    internal static DomainException SignedInUserGone() => new(ErrorCodes.Accounts.UserNotFound, "The signed-in user no longer exists.");
}

/// <param name="Address">The address that owns the user's new designs (custodial or a linked wallet, as <paramref name="Custody"/> says).</param>
/// <param name="CustodialAddress">The address of the key the service holds for the user.</param>
public sealed record MeResponse(
    string Id,
    string Email,
    IReadOnlyList<string> Roles,
    string Address,
    DesignCustody Custody,
    string CustodialAddress,
    IReadOnlyList<WalletResponse> Wallets);

/// <param name="Address">EIP-55.</param>
public sealed record WalletResponse(string Address, DateTime LinkedAt);

/// <summary>Who holds the key of the address that owns new designs. Serialised snake_case.</summary>
public enum DesignCustody
{
    /// <summary>The service holds it (sealed) and registers for the user.</summary>
    Custodial,

    /// <summary>The user's own wallet: each registration needs their signature.</summary>
    Wallet,
}
