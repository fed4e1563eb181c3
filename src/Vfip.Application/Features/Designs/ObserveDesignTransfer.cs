using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// The chain indexer saw a token move: the design's owner follows the chain, whether the transfer went through VFIP
/// or straight from a wallet. Safe to repeat (an owner already in place is left alone).
/// </summary>
public static class ObserveDesignTransfer
{
    /// <param name="TokenId">uint256, decimal.</param>
    /// <param name="To">EIP-55 address the token went to.</param>
    public sealed record Command(string TokenId, string To, ChainEventRecord Transfer) : IRequest;

    internal sealed class Handler(IVfipDbContext db, IUserWallets wallets, ILogger<Handler> logger) : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var design = await db.Designs.FirstOrDefaultAsync(d => d.Chain!.TokenId == command.TokenId, cancellationToken);
            if (design is null || string.Equals(design.OwnerAddress, command.To, StringComparison.OrdinalIgnoreCase))
            {
                return Unit.Value;
            }

            var userId = await wallets.FindUserByAddressAsync(command.To, cancellationToken);
            var t = command.Transfer;
            design.ObserveTransfer(userId, command.To, new ChainRecord(t.ChainId, t.Contract, command.TokenId, t.TxHash, t.BlockNumber, t.LogIndex));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Design {DesignId} now owned by {Address} (transfer {TxHash} seen on chain)", design.Id, command.To, t.TxHash);
            return Unit.Value;
        }
    }
}
