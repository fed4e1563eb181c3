using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// Anchors a pending licence: the licensor's custodial key signs the EIP-712 grant and the registrar relays it.
/// Sent by the outbox sender only. Safe to repeat: the licence id is a hash of the grant's fields, so a second send
/// finds the first grant instead of making another.
/// </summary>
public static class AnchorLicenseGrant
{
    public sealed record Command(string LicenseId) : IRequest<Outcome>;

    public enum Outcome
    {
        Granted,
        Rejected,
        AlreadyDone,
    }

    internal sealed class Handler(IVfipDbContext db, IAccounts accounts, ILicenseRegistry registry, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var license = await db.Licenses.FirstOrDefaultAsync(l => l.Id == command.LicenseId, cancellationToken)
                ?? throw new InvalidOperationException($"Outbox names licence {command.LicenseId}, which does not exist.");
            if (license.Status != LicenseStatus.Pending)
            {
                return Outcome.AlreadyDone;
            }

            var design = await db.Designs.AsNoTracking().FirstAsync(d => d.Id == license.DesignId, cancellationToken);
            var tokenId = design.Chain?.TokenId ?? throw new InvalidOperationException($"Design {design.Id} of licence {license.Id} is not anchored.");
            var key = await accounts.RevealCustodialKeyAsync(license.LicensorUserId, cancellationToken);
            ChainEventRecord grant;
            try
            {
                grant = await registry.GrantAsync(LicenseGrants.RequestOf(license, tokenId), key, cancellationToken);
            }
            catch (LicenseRefusedException refused)
            {
                // The licensor no longer owns the design (or the parent licence no longer allows it): retrying cannot help.
                license.Reject($"The chain refused the grant: {refused.Message}");
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("Licence {LicenseId} rejected: {Reason}", license.Id, refused.Message);
                return Outcome.Rejected;
            }

            license.MarkGranted(new ChainRecord(grant.ChainId, grant.Contract, tokenId, grant.TxHash, grant.BlockNumber, grant.LogIndex), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Licence {LicenseId} granted in {TxHash}", license.Id, grant.TxHash);
            return Outcome.Granted;
        }
    }
}
