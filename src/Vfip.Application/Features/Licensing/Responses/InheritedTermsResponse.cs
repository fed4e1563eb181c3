namespace Vfip.Application.Features.Licensing.Responses;

/// <summary>Terms a derivative inherited from a reciprocal parent licence, and the offer that carries them.</summary>
/// <param name="LicenseId">The parent licence whose terms are inherited.</param>
/// <param name="ParentDesignId">The parent design that licence is on.</param>
/// <param name="OfferId">The inherited offer on the derivative (its terms hash equals the parent licence's).</param>
public sealed record InheritedTermsResponse(string LicenseId, string? ParentDesignId, string OfferId, LicenseTermsDocument Terms, string TermsHash);
