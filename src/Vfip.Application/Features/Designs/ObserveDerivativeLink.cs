using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// The chain indexer saw a <c>DerivativeRegistered</c> event: the child design lists the parent and licence in its
/// lineage, whether VFIP's outbox linked them (already listed: nothing changes) or the child's owner called
/// <c>registerDerivative</c> from a wallet. Safe to repeat.
/// </summary>
public static class ObserveDerivativeLink
{
    /// <param name="ChildTokenId">uint256, decimal.</param>
    /// <param name="ParentTokenId">uint256, decimal.</param>
    /// <param name="LicenseId">uint256, decimal: the parent's licence the child is made under.</param>
    /// <param name="BlockTime">The link's block time (UTC).</param>
    public sealed record Command(string ChildTokenId, string ParentTokenId, string LicenseId, ChainEventRecord Link, DateTime BlockTime) : IRequest;

    internal sealed class Handler(IVfipDbContext db, ILogger<Handler> logger) : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var child = await db.Designs.FirstOrDefaultAsync(d => d.Chain!.TokenId == command.ChildTokenId, cancellationToken);
            var parentId = await db.Designs.AsNoTracking().Where(d => d.Chain!.TokenId == command.ParentTokenId).Select(d => d.Id).FirstOrDefaultAsync(cancellationToken);
            if (child is null || parentId is null || !child.ObserveDerivativeLink(new DerivativeParent(parentId, command.LicenseId), command.BlockTime))
            {
                return Unit.Value;
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Design {DesignId} linked on chain as a derivative of {ParentId} ({TxHash})", child.Id, parentId, command.Link.TxHash);
            return Unit.Value;
        }
    }
}
