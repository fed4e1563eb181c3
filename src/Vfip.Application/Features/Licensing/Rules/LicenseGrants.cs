using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing.Rules;

/// <summary>What accepting an offer and granting a sublicence share: who signs, the grant's fields, and exclusivity.</summary>
internal static class LicenseGrants
{
    /// <summary>
    /// The self-custody wallet that must sign for <paramref name="address"/> (a design's owner, or a parent licence's
    /// holder), or null when it is <paramref name="userId"/>'s custodial address and the service signs with that key.
    /// </summary>
    public static async Task<string?> WalletSignerAsync(IAccounts accounts, string userId, string address, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(userId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.Accounts.UserNotFound, "The licensor's account no longer exists.");
        return string.Equals(account.CustodialAddress, address, StringComparison.OrdinalIgnoreCase) ? null : address;
    }

    /// <summary>
    /// Refuses an action the service can sign only with the custodial key (a transfer has no relayed form): a design
    /// held by a self-custody wallet is moved from that wallet, on chain.
    /// </summary>
    public static async Task RequireCustodialAsync(IAccounts accounts, string userId, string address, string what, CancellationToken cancellationToken)
    {
        if (await WalletSignerAsync(accounts, userId, address, cancellationToken) is not null)
        {
            throw new DomainException(
                ErrorCodes.Wallets.SignatureRequired, $"{what} is held by a self-custody wallet; this must be done from that wallet.");
        }
    }

    /// <summary>An offer the signed-in <paramref name="userId"/> may accept now, with its design; the reasons it may not as 4xx.</summary>
    public static async Task<(LicenseOffer Offer, Design Design)> AcceptableOfferAsync(IVfipDbContext db, string offerId, string userId, CancellationToken cancellationToken)
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
        // A grant made on chain whose terms are unknown cannot be judged: it conflicts with nothing until they are published.
        var conflicting = others.Where(l => l.IsInForce(now) && except?.Contains(l.Id) != true && l.Terms is not null)
            .FirstOrDefault(l => terms.ConflictsWith(l.Terms!));
        if (conflicting is not null)
        {
            throw new DomainException(
                    ErrorCodes.Licensing.ExclusiveConflict, "These terms overlap an exclusive licence on this design (or are exclusive and overlap an existing licence) in channel, territory and time.")
                .With("conflictingLicenseId", conflicting.Id);
        }
    }

    /// <summary>
    /// The wallet signature <paramref name="license"/> awaits from <paramref name="userId"/>: 409 when it awaits none,
    /// 403 when the signer is someone else (only the licensor's wallet can sign; nobody else learns more).
    /// </summary>
    public static async Task<AwaitedSignature> AwaitedSignatureOfAsync(License license, string userId, IVfipDbContext db, CancellationToken cancellationToken)
    {
        var awaited = license.AwaitsGrantSignature || license.AwaitsRevocationSignature
            ? await LicenseWalletSignatures.AwaitedAsync(license, db, cancellationToken)
            : null;
        if (awaited is null)
        {
            throw new DomainException(ErrorCodes.Licensing.NotAwaitingSignature, $"Licence {license.Id} is not awaiting a wallet signature.");
        }

        if (awaited.SignerUserId != userId)
        {
            throw new DomainException(ErrorCodes.Licensing.NotLicensor, "Only the licensor whose wallet must sign may do this.");
        }

        return awaited;
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
        Convert.FromHexString((license.Salt ?? throw new InvalidOperationException($"Licence {license.Id} was observed on chain; it has no salt to send."))[2..]));

    private static long UnixSeconds(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
