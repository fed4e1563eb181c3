using Vfip.Domain.Common;

namespace Vfip.Application.Features.Licensing.Rules;

/// <summary>The licensing refusals several use cases raise, worded once.</summary>
internal static class LicenseErrors
{
    public static DomainException LicenseNotFound(string id) => new(ErrorCodes.Licensing.LicenseNotFound, $"There is no licence '{id}'.");

    public static DomainException OfferNotFound(string id) => new(ErrorCodes.Licensing.OfferNotFound, $"There is no offer '{id}'.");

    /// <summary>A licence granted on chain whose terms nobody has published yet: nothing can be built on it until they are.</summary>
    public static DomainException TermsUnknown(string id) =>
        new(ErrorCodes.Licensing.TermsUnknown, $"The terms of licence {id} are unknown; publish them first (PUT /api/v1/licenses/{id}/terms).");
}
