using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Domain.Accounts;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Accounts;

/// <summary>
/// The user chooses which address owns their new designs: the custodial one, or one of their linked wallets
/// (then every registration waits for their signature). Designs already registered keep their owner.
/// </summary>
public static class ChooseDesignCustody
{
    /// <param name="Address">The linked wallet, with <see cref="DesignCustody.Wallet"/>; omitted for custodial.</param>
    public sealed record Command(DesignCustody? Custody, string? Address) : IRequest<MeResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Custody).NotNull().WithMessage("custody is 'custodial' or 'wallet'.");
            RuleFor(c => c.Address).NotEmpty().When(c => c.Custody == DesignCustody.Wallet)
                .WithMessage("Name the linked wallet that will own new designs.");
        }
    }

    internal sealed class Handler(
        IVfipDbContext db, IAccounts accounts, IEthereumAccounts ethereum, ICurrentCaller current, AuditLog audit)
        : IRequestHandler<Command, MeResponse>
    {
        public async Task<MeResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            string? wallet = null;
            if (command.Custody == DesignCustody.Wallet)
            {
                var address = ethereum.ToChecksumAddress(command.Address!);
                wallet = await db.LinkedWallets.AsNoTracking()
                    .Where(w => w.UserId == userId && w.Address == address)
                    .Select(w => w.Address)
                    .FirstOrDefaultAsync(cancellationToken)
                    ?? throw new DomainException(ErrorCodes.Wallets.NotLinked, "Link the wallet first (POST /api/v1/me/wallets).");
            }

            await accounts.SetDesignOwnerWalletAsync(userId, wallet, cancellationToken);
            audit.Record(AuditEventTypes.DesignOwnershipChanged, userId, wallet ?? "custodial");
            await db.SaveChangesAsync(cancellationToken);
            return await GetMe.DescribeAsync(db, accounts, userId, cancellationToken);
        }
    }
}
