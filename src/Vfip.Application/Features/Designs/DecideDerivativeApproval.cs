using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Options;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Designs.Rules;
using Vfip.Domain.Accounts;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// A parent design's current owner approves or refuses a derivative held for their approval (ADR 0018). The last
/// approval releases the derivative into a normal registration (outbox, anchoring, lineage); a refusal rejects it.
/// Approving re-checks that the licence the derivative is made under still lets it derive.
/// </summary>
public static class DecideDerivativeApproval
{
    /// <param name="DesignId">The derivative.</param>
    /// <param name="ParentDesignId">The parent whose owner decides.</param>
    public sealed record Command(string DesignId, string ParentDesignId, bool? Approve, string? Reason) : IRequest<DesignResponse>, IDesignRequest
    {
        // The derivative is someone else's: reading it is the gate; the parent's ownership is checked by the handler.
        public DesignAccess Access => DesignAccess.Read;
    }

    internal sealed class Handler(
        IVfipDbContext db,
        ICurrentCaller current,
        AuditLog audit,
        IOptions<AuthOptions> auth,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command, DesignResponse>
    {
        public async Task<DesignResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            // Decisions on one derivative take turns (ADR 0015's per-design lock), so two parents' owners approving at the
            // same instant on two replicas cannot each see the other's approval still pending and leave the design held.
            await using var decisions = await db.LockDesignAsync(command.DesignId, cancellationToken);
            var design = await db.Designs.FirstAsync(d => d.Id == command.DesignId, cancellationToken);
            var approval = design.ApprovalBy(command.ParentDesignId);
            var parentOwner = await db.Designs.AsNoTracking()
                .Where(d => d.Id == command.ParentDesignId).Select(d => d.OwnerUserId).FirstAsync(cancellationToken);
            if (parentOwner != userId)
            {
                throw new DomainException(
                    ErrorCodes.Derivatives.NotParentOwner, $"Only the current owner of design {command.ParentDesignId} may decide this.");
            }

            if (command.Approve is not { } approve)
            {
                throw new DomainException(
                    ErrorCodes.Derivatives.ApproveRequired, "Send {\"approve\": true} or {\"approve\": false, \"reason\": \"…\"}.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (approve && approval.Status == DerivativeApprovalStatus.Pending && design.Status == DesignStatus.AwaitingApproval)
            {
                // The licence may have been revoked, have expired or changed hands since the derivative was registered.
                var license = await db.Licenses.AsNoTracking().FirstOrDefaultAsync(l => l.Id == approval.LicenseId, cancellationToken);
                var parent = new DerivativeParent(approval.ParentDesignId, approval.LicenseId);
                if (DerivativeLicences.WhyNot(license, parent, design.OwnerUserId, design.OwnerAddress, now) is { } why)
                {
                    throw new DomainException(
                            ErrorCodes.Derivatives.NoLongerLicensed, $"Design {command.DesignId} can no longer derive from design {parent.DesignId}: {why}. Refuse it instead.")
                        .With("licenseId", parent.LicenseId);
                }
            }

            design.DecideApproval(command.ParentDesignId, approve, command.Reason, userId, now, auth.Value.SignatureWindow);

            audit.Record(
                approve ? AuditEventTypes.DerivativeApproved : AuditEventTypes.DerivativeRefused,
                design.Id,
                Truncate($"parent {approval.ParentDesignId}, licence {approval.LicenseId}{(approval.Reason is { } r ? ": " + r : string.Empty)}"));
            await db.SaveChangesAsync(cancellationToken);
            await decisions.CommitAsync(cancellationToken);

            logger.LogInformation(
                "Derivative {DesignId} {Decision} by the owner of {ParentDesignId}; now {Status}",
                design.Id, approval.Status, approval.ParentDesignId, design.Status);
            return DesignResponse.From(design);
        }

        private static string Truncate(string detail) => detail.Length <= 1000 ? detail : detail[..1000];
    }
}
