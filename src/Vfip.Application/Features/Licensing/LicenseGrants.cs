using System.Numerics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Errors;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>What accepting an offer and granting a sublicence share: who signs, the grant's fields, and exclusivity.</summary>
internal static class LicenseGrants
{
    /// <summary>
    /// The service signs grants and revocations with the licensor's custodial key. A licensor whose design (or
    /// parent licence) is held by a self-custody wallet must sign each grant in that wallet, which this version
    /// does not take yet: refuse rather than queue a grant that can never be sent.
    /// </summary>
    public static async Task RequireCustodialAsync(IAccounts accounts, string userId, string address, string what, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(userId, cancellationToken)
            ?? throw new NotFoundException("user_not_found", "The licensor's account no longer exists.");
        if (!string.Equals(account.CustodialAddress, address, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConflictException(
                "wallet_signature_required",
                $"{what} is held by a self-custody wallet; grants and revocations under it must be signed in that wallet (not supported yet).");
        }
    }

    /// <summary>
    /// Refuses a grant whose terms cannot coexist with a licence already in force on the design (an exclusive one
    /// overlapping in channel, territory and time, or a new exclusive one overlapping an existing grant).
    /// </summary>
    /// <remarks>
    /// Run it inside <see cref="IVfipDbContext.LockDesignAsync"/> and insert the licence in that same transaction: two
    /// acceptances racing on two replicas then take turns, and the second sees the first's licence (ADR 0015). The
    /// chain cannot arbitrate this (exclusivity is an off-chain term).
    /// </remarks>
    public static async Task RequireNoExclusiveConflictAsync(IVfipDbContext db, string designId, LicenseTerms terms, DateTime now, CancellationToken cancellationToken, IReadOnlySet<string>? except = null)
    {
        var others = await db.Licenses.AsNoTracking()
            .Where(l => l.DesignId == designId && (l.Status == LicenseStatus.Pending || l.Status == LicenseStatus.Active))
            .ToListAsync(cancellationToken);
        var conflicting = others.Where(l => l.IsInForce(now) && except?.Contains(l.Id) != true)
            .FirstOrDefault(l => terms.ConflictsWith(LicenseTermsDocument.Parse(l.TermsJson)));
        if (conflicting is not null)
        {
            var conflict = new ConflictException(
                "exclusive_conflict",
                "These terms overlap an exclusive licence on this design (or are exclusive and overlap an existing licence) in channel, territory and time.");
            conflict.Extensions["conflictingLicenseId"] = conflicting.Id;
            throw conflict;
        }
    }

    /// <summary>A new licence for <paramref name="terms"/>, its id computed as the contract will (salted, so accepting the same terms twice gives two licences).</summary>
    public static License NewLicense(
        ILicenseRegistry registry,
        Design design,
        string? offerId,
        License? parent,
        string licensorUserId,
        string licenseeUserId,
        string licenseeAddress,
        LicenseTerms terms,
        DateTime now)
    {
        var salt = "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var draft = License.Accept("0", design.Id, offerId, parent?.Id, licensorUserId, licenseeUserId, licenseeAddress, terms, salt, now);
        var id = registry.LicenseIdOf(RequestOf(draft, design.Chain!.TokenId));
        return License.Accept(id, design.Id, offerId, parent?.Id, licensorUserId, licenseeUserId, licenseeAddress, terms, salt, now);
    }

    /// <summary>The contract's fields of <paramref name="license"/>.</summary>
    public static LicenseGrantRequest RequestOf(License license, string tokenId) => new(
        tokenId,
        license.LicenseeAddress,
        license.ParentLicenseId ?? "0",
        Convert.FromHexString(license.TermsHash[2..]),
        license.StartsAt is { } start ? UnixSeconds(start) : 0,
        license.EndsAt is { } end ? UnixSeconds(end) : 0,
        license.Sublicensable,
        license.DerivativesAllowed,
        Convert.FromHexString(license.Salt[2..]));

    public static bool IsLicenseId(string id) => id.Length is > 0 and <= 78 && id.All(char.IsAsciiDigit) && BigInteger.TryParse(id, out _);

    private static long UnixSeconds(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
