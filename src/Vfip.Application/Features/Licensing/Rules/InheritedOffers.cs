using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing.Rules;

/// <summary>
/// Reciprocal (share-alike) terms, as ADR 0018 defines them: a derivative made under a reciprocal licence is offered
/// onwards on that licence's very terms (an offer VFIP publishes at registration, marked as inherited), and every
/// other offer its owner publishes must keep derivatives allowed and reciprocal.
/// </summary>
internal static class InheritedOffers
{
    /// <summary>Adds (unsaved) one inherited offer per reciprocal parent licence of a newly registered derivative.</summary>
    public static IReadOnlyList<LicenseOffer> Publish(IVfipDbContext db, Design derivative, IReadOnlyList<License> reciprocal, DateTime now)
    {
        var offers = reciprocal
            .Select(license => LicenseOffer.Inherit(Guid.CreateVersion7().ToString("N"), derivative.Id, derivative.OwnerUserId, license, now))
            .ToList();
        db.LicenseOffers.AddRange(offers);
        return offers;
    }

    /// <summary>The terms a design inherited, for its resource; null (omitted) for a design that inherited none.</summary>
    public static IReadOnlyList<InheritedTermsResponse>? Describe(IReadOnlyList<LicenseOffer> inherited, Design design) =>
        inherited.Count == 0
            ? null
            : inherited.Select(o => new InheritedTermsResponse(
                    o.InheritedFromLicenseId!,
                    design.Parents.FirstOrDefault(p => p.LicenseId == o.InheritedFromLicenseId)?.DesignId,
                    o.Id,
                    LicenseTermsDocument.From(o.Terms),
                    o.TermsHash))
                .ToList();

    /// <summary>The inherited offers of one design, oldest first.</summary>
    public static Task<List<LicenseOffer>> OfAsync(IVfipDbContext db, string designId, CancellationToken cancellationToken) =>
        db.LicenseOffers.AsNoTracking()
            .Where(o => o.DesignId == designId && o.InheritedFromLicenseId != null)
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.Id)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Refuses an offer on a derivative that inherited reciprocal terms unless it keeps derivatives allowed and
    /// reciprocal: share-alike binds every way the derivative is licensed onwards, not only the inherited offer.
    /// </summary>
    public static async Task RequireReciprocalAsync(IVfipDbContext db, string designId, LicenseTerms terms, CancellationToken cancellationToken)
    {
        if (terms.Derivatives is { Allowed: true, Reciprocal: true })
        {
            return;
        }

        var inheritedFrom = await db.LicenseOffers.AsNoTracking()
            .Where(o => o.DesignId == designId && o.InheritedFromLicenseId != null)
            .Select(o => o.InheritedFromLicenseId)
            .FirstOrDefaultAsync(cancellationToken);
        if (inheritedFrom is not null)
        {
            throw new DomainException(
                    ErrorCodes.Licensing.ReciprocalTermsRequired, $"This design is a derivative made under reciprocal licence {inheritedFrom}: its offers must keep derivatives allowed and reciprocal.")
                .With("licenseId", inheritedFrom);
        }
    }
}
