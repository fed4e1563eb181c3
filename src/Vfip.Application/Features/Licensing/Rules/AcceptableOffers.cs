using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing.Rules;

/// <summary>
/// Whether the signed-in user may accept an offer now: asked by the acceptance itself and by the typed data a wallet
/// signs beforehand (<c>GetOfferAcceptance</c>), so a wallet is never asked to sign an acceptance that would be refused.
/// </summary>
internal static class AcceptableOffers
{
    /// <summary>An offer the signed-in <paramref name="userId"/> may accept now, with its design; the reasons it may not as 4xx.</summary>
    public static async Task<(LicenseOffer Offer, Design Design)> FindAsync(IVfipDbContext db, string offerId, string userId, CancellationToken cancellationToken)
    {
        var offer = await db.LicenseOffers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId, cancellationToken)
            ?? throw LicenseErrors.OfferNotFound(offerId);
        var design = await db.Designs.AsNoTracking()
            .Where(DesignVisibility.VisibleTo(userId))
            .FirstOrDefaultAsync(d => d.Id == offer.DesignId, cancellationToken)
            ?? throw LicenseErrors.OfferNotFound(offerId);
        if (design.OwnerUserId == userId)
        {
            throw new DomainException(ErrorCodes.Licensing.OwnDesign, "An owner needs no licence for their own design.");
        }

        if (design.Status != DesignStatus.Anchored)
        {
            // The grant names the design's token, which exists only once the registration is anchored.
            throw new DomainException(ErrorCodes.Designs.NotAnchored, "The design is not anchored on chain yet; accept the offer once it is.");
        }

        return (offer, design);
    }
}
