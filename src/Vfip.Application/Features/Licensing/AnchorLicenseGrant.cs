using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// Anchors a pending licence: the licensor's custodial key signs the EIP-712 grant (or the self-custody licensor's
/// wallet signed it already, ADR 0017) and the registrar relays it.
/// Sent by the outbox sender only. Safe to repeat: the licence id is a hash of the grant's fields, so a second send
/// finds the first grant instead of making another.
/// </summary>
public static class AnchorLicenseGrant
{
    public sealed record Command(string LicenseId) : IRequest;

    internal sealed class Handler(IVfipDbContext db, IAccounts accounts, ILicenseRegistry registry, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var license = await db.Licenses.FirstOrDefaultAsync(l => l.Id == command.LicenseId, cancellationToken)
                ?? throw new InvalidOperationException($"Outbox names licence {command.LicenseId}, which does not exist.");
            if (license.Status != LicenseStatus.Pending)
            {
                return Unit.Value;
            }

            var design = await db.Designs.AsNoTracking().FirstAsync(d => d.Id == license.DesignId, cancellationToken);
            var tokenId = design.Chain?.TokenId ?? throw new InvalidOperationException($"Design {design.Id} of licence {license.Id} is not anchored.");
            var request = LicenseGrantRequests.Of(license, tokenId);
            if (license.GrantSigner is not null && license.GrantSignature is null)
            {
                return Unit.Value;
            }

            if (license.GrantSignature is not null && clock.GetUtcNow().UtcDateTime > license.GrantSignatureDeadline)
            {
                license.LapseSignature();
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("The wallet signature of licence {LicenseId} lapsed before it was relayed; the licensor must sign again", license.Id);
                return Unit.Value;
            }

            ChainEventRecord grant;
            try
            {
                grant = license.GrantSignature is { } signature
                    ? await registry.RelayGrantAsync(request, license.GrantSignatureDeadline!.Value, signature, cancellationToken)
                    : await registry.GrantAsync(request, await accounts.GetCustodialAddressAsync(license.LicensorUserId, cancellationToken), cancellationToken);
            }
            catch (LicenseRefusedException refused)
            {
                // The licensor no longer owns the design (or the parent licence no longer allows it): retrying cannot help.
                license.Reject($"The chain refused the grant: {refused.Message}");
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("Licence {LicenseId} rejected: {Reason}", license.Id, refused.Message);
                return Unit.Value;
            }

            license.MarkGranted(new ChainRecord(grant.ChainId, grant.Contract, tokenId, grant.TxHash, grant.BlockNumber, grant.LogIndex), clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Licence {LicenseId} granted in {TxHash}", license.Id, grant.TxHash);
            return Unit.Value;
        }
    }
}
