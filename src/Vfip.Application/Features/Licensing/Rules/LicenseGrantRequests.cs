using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing.Rules;

/// <summary>
/// A licence as the contract's grant fields: what the licence id is computed from, what the registrar sends, and what
/// a self-custody licensor's wallet signs. One mapping, so the three never disagree.
/// </summary>
internal static class LicenseGrantRequests
{
    /// <summary>The contract's fields of <paramref name="license"/>.</summary>
    public static LicenseGrantRequest Of(License license, string tokenId) => new(
        tokenId,
        license.LicenseeAddress,
        license.ParentLicenseId ?? "0",
        Convert.FromHexString(license.TermsHash[2..]),
        license.StartsAt is { } start ? UnixSeconds(start) : 0,
        license.EndsAt is { } end ? UnixSeconds(end) : 0,
        license.Sublicensable,
        license.DerivativesAllowed,
        Convert.FromHexString((license.Salt ?? throw new InvalidOperationException($"Licence {license.Id} was observed on chain; it has no salt to send."))[2..]));

    private static long UnixSeconds(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
