using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// Sends a requested transfer: the owner's custodial key signs the ERC-721 transfer (in custody:
/// the registry asks <see cref="ICustodialSigner"/> for the signature). Sent by the outbox sender only;
/// safe to repeat (a token that already moved is found, not moved again).
/// </summary>
public static class AnchorDesignTransfer
{
    public sealed record Command(string DesignId) : IRequest;

    internal sealed class Handler(IVfipDbContext db, IAccounts accounts, IDesignRegistry registry, ILogger<Handler> logger)
        : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var design = await db.Designs.FirstOrDefaultAsync(d => d.Id == command.DesignId, cancellationToken)
                ?? throw new InvalidOperationException($"Outbox names design {command.DesignId}, which does not exist.");
            if (design.TransferToAddress is not { } to)
            {
                return Unit.Value;
            }

            var from = await accounts.GetCustodialAddressAsync(design.OwnerUserId, cancellationToken);
            var moved = await registry.TransferAsync(design.Chain!.TokenId, from, to, cancellationToken);
            design.CompleteTransfer(new ChainRecord(moved.ChainId, moved.Contract, design.Chain.TokenId, moved.TxHash, moved.BlockNumber, moved.LogIndex));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Design {DesignId} transferred to {Address} in {TxHash}", design.Id, to, moved.TxHash);
            return Unit.Value;
        }
    }
}
