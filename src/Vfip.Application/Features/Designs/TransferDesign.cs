using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Licensing;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// The owner transfers a design to another VFIP user (by user id, or by an address that is a user's custodial address
/// or linked wallet). The ERC-721 transfer is signed with the owner's custodial key and sent by the outbox; the design
/// changes hands when the chain says so. Licences stay: they bind the token, not the seller.
/// </summary>
public static class TransferDesign
{
    /// <param name="To">A user id or an Ethereum address.</param>
    public sealed record Command(string DesignId, string? To) : IRequest<DesignResponse>, IDesignRequest
    {
        public DesignAccess Access => DesignAccess.Change;
    }

    internal sealed class Handler(
        IVfipDbContext db,
        IAccounts accounts,
        IUserWallets wallets,
        IEthereumAccounts ethereum,
        ILogger<Handler> logger)
        : IRequestHandler<Command, DesignResponse>
    {
        public async Task<DesignResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(command.To))
            {
                throw new DomainException(ErrorCodes.Designs.RecipientRequired, "Name the recipient: {\"to\": userId or address}.");
            }

            var to = command.To.Trim();
            var checksummed = ethereum.ToChecksumAddress(to);
            var (toUserId, toAddress) = checksummed is not null
                ? (await wallets.FindUserByAddressAsync(to, cancellationToken)
                    ?? throw new DomainException(
                        ErrorCodes.Designs.UnknownRecipient, "That address belongs to no VFIP user; transfer to a user id, or to an address a user owns or linked."), checksummed)
                : (to, (await wallets.GetDesignOwnerAsync(to, cancellationToken)
                    ?? throw new DomainException(ErrorCodes.Accounts.UserNotFound, $"There is no user '{to}'.")).Address);

            var design = await db.Designs.FirstAsync(d => d.Id == command.DesignId, cancellationToken);
            await SigningWallets.RequireCustodialAsync(accounts, design.OwnerUserId, design.OwnerAddress, "This design", cancellationToken);
            design.RequestTransfer(toUserId, toAddress);

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Transfer of design {DesignId} to {Address} queued", design.Id, design.TransferToAddress);
            return DesignResponse.From(design);
        }
    }
}
