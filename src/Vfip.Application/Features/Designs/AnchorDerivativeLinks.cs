using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// Anchors a registered derivative's lineage: one <c>registerDerivative(child, parent, licence)</c> per parent, sent
/// by the registrar after the child's registration (ADR 0012). Sent by the outbox only. A link the contract refuses
/// (the licence was revoked or expired in between) is recorded as the lineage's refusal, not retried.
/// </summary>
public static class AnchorDerivativeLinks
{
    public sealed record Command(string DesignId) : IRequest;

    internal sealed class Handler(IVfipDbContext db, ILicenseRegistry licenses, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var design = await db.Designs.FirstOrDefaultAsync(d => d.Id == command.DesignId, cancellationToken)
                ?? throw new InvalidOperationException($"Outbox names design {command.DesignId}, which does not exist.");
            if (design.LineageAnchoredAt is not null || design.LineageRefusal is not null || design.Chain is null)
            {
                return Unit.Value;
            }

            // NOTE: a retry after a partial failure links the earlier parents again: the contract stores nothing, so the
            // duplicate is only a second event, which readers de-duplicate by (child, parent, licence).
            foreach (var parent in design.Parents)
            {
                var parentToken = await db.Designs.AsNoTracking().Where(d => d.Id == parent.DesignId).Select(d => d.Chain!.TokenId).FirstAsync(cancellationToken);
                try
                {
                    await licenses.RegisterDerivativeAsync(design.Chain.TokenId, parentToken, parent.LicenseId, cancellationToken);
                }
                catch (LicenseRefusedException refused)
                {
                    design.MarkLineageAnchored(clock.GetUtcNow().UtcDateTime, refusal: $"Parent {parent.DesignId}: {refused.Message}");
                    await db.SaveChangesAsync(cancellationToken);
                    logger.LogWarning("Lineage of design {DesignId} refused by the chain: {Reason}", design.Id, refused.Message);
                    return Unit.Value;
                }
            }

            design.MarkLineageAnchored(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Lineage of design {DesignId} anchored ({Parents} parent(s))", design.Id, design.Parents.Count);
            return Unit.Value;
        }
    }
}
