using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Designs.Rules;

/// <summary>
/// The one rule for "may this design derive from that parent under this licence", asked when a derivative is
/// registered and again when a parent's owner approves a held one (the licence may have lapsed meanwhile). The
/// contract checks the same when the lineage is anchored.
/// </summary>
internal static class DerivativeLicences
{
    /// <summary>Why <paramref name="license"/> does not let the owner derive from <paramref name="parent"/> now; null when it does.</summary>
    /// <param name="ownerUserId">Who registers (or registered) the derivative.</param>
    /// <param name="ownerAddress">The address that owns (or will own) the derivative's token.</param>
    public static string? WhyNot(License? license, DerivativeParent parent, string ownerUserId, string ownerAddress, DateTime now) => license switch
    {
        null => "there is no such licence",
        _ when license.DesignId != parent.DesignId => "the licence is for another design",
        _ when license.LicenseeUserId != ownerUserId => "the licence is not yours",
        _ when !string.Equals(license.LicenseeAddress, ownerAddress, StringComparison.OrdinalIgnoreCase) =>
            "the licence names another of your addresses than the one that will own this design",
        _ when license.Status != LicenseStatus.Active || !license.IsInForce(now) => "the licence is not active",
        _ when !license.DerivativesAllowed => "the licence does not allow derivatives",
        _ => null,
    };
}
