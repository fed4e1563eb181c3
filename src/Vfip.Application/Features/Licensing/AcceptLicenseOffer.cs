using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Errors;
using Vfip.Application.Common.Outbox;
using Vfip.Application.Common.Security;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// A signed-in licensee accepts an offer: the licence is stored <c>pending</c> with an outbox entry in one
/// transaction, and the outbox sender anchors the owner's grant (signed with the owner's custodial key, relayed by
/// the registrar). The licensee's acceptance is the account action itself; an EIP-712 acceptance signature from a
/// linked wallet is not taken yet.
/// </summary>
public static class AcceptLicenseOffer
{
    public sealed record Command(string OfferId) : IRequest<LicenseResponse>;

    internal sealed class Handler(
        IVfipDbContext db,
        IAccounts accounts,
        IUserWallets wallets,
        ILicenseRegistry registry,
        IOutboxSignal outbox,
        ICurrentCaller current,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command, LicenseResponse>
    {
        public async Task<LicenseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            var offer = await db.LicenseOffers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == command.OfferId, cancellationToken)
                ?? throw LicenseErrors.OfferNotFound(command.OfferId);
            var design = await db.Designs.AsNoTracking()
                .Where(DesignVisibility.VisibleTo(userId))
                .FirstOrDefaultAsync(d => d.Id == offer.DesignId, cancellationToken)
                ?? throw LicenseErrors.OfferNotFound(command.OfferId);
            if (design.OwnerUserId == userId)
            {
                throw new BadRequestException("own_design", "An owner needs no licence for their own design.");
            }

            if (design.Status != DesignStatus.Anchored)
            {
                // The grant names the design's token, which exists only once the registration is anchored.
                throw new ConflictException("design_not_anchored", "The design is not anchored on chain yet; accept the offer once it is.");
            }

            await LicenseGrants.RequireCustodialAsync(accounts, design.OwnerUserId, design.OwnerAddress, "This design", cancellationToken);
            var licensee = await wallets.GetDesignOwnerAsync(userId, cancellationToken)
                ?? throw new NotFoundException("user_not_found", "The signed-in user no longer exists.");

            var terms = LicenseTermsDocument.Parse(offer.TermsJson);
            var now = clock.GetUtcNow().UtcDateTime;
            await using var exclusive = await db.LockDesignAsync(design.Id, cancellationToken); // ADR 0015: check + insert as one
            await LicenseGrants.RequireNoExclusiveConflictAsync(db, design.Id, terms, now, cancellationToken);

            var license = LicenseGrants.NewLicense(registry, design, offer.Id, parent: null, design.OwnerUserId, userId, licensee.Address, terms, now);
            db.Licenses.Add(license);
            db.OutboxMessages.Add(OutboxMessage.Create(OutboxMessageTypes.GrantLicense, license.Id, now));
            await db.SaveChangesAsync(cancellationToken);
            await exclusive.CommitAsync(cancellationToken);
            outbox.Notify();
            logger.LogInformation("Offer {OfferId} on design {DesignId} accepted as licence {LicenseId}; grant queued", offer.Id, design.Id, license.Id);
            return LicenseResponse.From(license, now);
        }
    }
}
