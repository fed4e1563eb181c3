using Vfip.Domain.Common;

namespace Vfip.Domain.Licensing;

/// <summary>
/// Terms an owner publishes on a design, for licensees to accept. Offers are not on chain (ADR 0012): most
/// are never accepted. The terms are kept in their canonical JSON, so the hash anchored by a grant is the
/// hash of exactly what was offered.
/// </summary>
public sealed class LicenseOffer
{
    // For EF Core.
    private LicenseOffer()
    {
    }

    public string Id { get; private set; } = null!;

    public string DesignId { get; private set; } = null!;

    /// <summary>The owner who made the offer (a licence granted from it is granted by the design's owner at the time).</summary>
    public string CreatedByUserId { get; private set; } = null!;

    /// <summary>The terms offered, normalised (stored as their <see cref="LicenseTerms.CanonicalJson"/>).</summary>
    public LicenseTerms Terms { get; private set; } = null!;

    /// <summary>0x-prefixed SHA-256 of the canonical JSON of <see cref="Terms"/>.</summary>
    public string TermsHash { get; private set; } = null!;

    public DateTime CreatedAt { get; private set; }

    /// <summary>
    /// For a derivative made under a reciprocal (share-alike) licence: that parent licence, whose terms this offer
    /// carries verbatim (ADR 0018). Such an offer is published by VFIP at registration and never withdrawn while the
    /// lineage exists; null for an offer the owner made.
    /// </summary>
    public string? InheritedFromLicenseId { get; private set; }

    public static LicenseOffer Create(string id, string designId, string createdByUserId, LicenseTerms terms, DateTime createdAt) => new()
    {
        Id = id,
        DesignId = designId,
        CreatedByUserId = createdByUserId,
        Terms = terms.Normalise(),
        TermsHash = terms.Hash(),
        CreatedAt = createdAt,
    };

    /// <summary>
    /// The offer a derivative inherits from the reciprocal licence <paramref name="parentLicense"/> it is made under:
    /// the same canonical terms, so the same terms hash as the parent grant anchored.
    /// </summary>
    public static LicenseOffer Inherit(string id, string derivativeId, string ownerUserId, License parentLicense, DateTime createdAt) => new()
    {
        Id = id,
        DesignId = derivativeId,
        CreatedByUserId = ownerUserId,
        // A licence observed on chain may not have its terms document yet; unknown terms cannot be inherited.
        Terms = parentLicense.Terms
            ?? throw new DomainException(ErrorCodes.Licensing.TermsUnknown, $"The terms of licence {parentLicense.Id} are unknown; they cannot be inherited."),
        TermsHash = parentLicense.TermsHash,
        CreatedAt = createdAt,
        InheritedFromLicenseId = parentLicense.Id,
    };
}
