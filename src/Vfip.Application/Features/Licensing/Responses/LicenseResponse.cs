using Vfip.Application.Features.Designs.Responses;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing.Responses;

/// <summary>An offer resource: terms an owner published on a design, and their hash.</summary>
public sealed record OfferResponse(string Id, string DesignId, LicenseTermsDocument Terms, string TermsHash, DateTime CreatedAt)
{
    /// <summary>
    /// For an offer a derivative inherited from a reciprocal parent licence (ADR 0018): that licence's id. Omitted for
    /// an offer its owner made.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? InheritedFromLicenseId { get; init; }

    public static OfferResponse From(LicenseOffer offer) =>
        new(offer.Id, offer.DesignId, LicenseTermsDocument.From(offer.Terms), offer.TermsHash, offer.CreatedAt)
        {
            InheritedFromLicenseId = offer.InheritedFromLicenseId,
        };
}

/// <summary>
/// A licence resource. <c>status</c> is the licence's state (<c>pending</c> until the grant is anchored, then
/// <c>active</c>; <c>revoking</c>, <c>revoked</c>, <c>rejected</c>); <c>expired</c> says whether its end date has
/// passed at the time of the answer. <c>grant</c> is the LicenseGranted event on chain once anchored, <c>revocation</c>
/// the LicenseRevoked event. <c>terms</c> is null while they are unknown (a grant made directly on chain anchors only
/// <c>termsHash</c>; see <c>PUT /api/v1/licenses/{id}/terms</c>).
/// </summary>
/// <param name="Id">The on-chain licence id (uint256, decimal string).</param>
/// <param name="Acceptance">The licensee's signed acceptance, when they accepted from a linked wallet; null for an account action.</param>
/// <param name="AwaitingSignatureFrom">The self-custody licensor's address whose signature the grant or revocation waits for; null otherwise.</param>
public sealed record LicenseResponse(
    string Id,
    string DesignId,
    string? OfferId,
    string? ParentLicenseId,
    LicenseParty Licensor,
    LicenseParty Licensee,
    LicenseTermsDocument? Terms,
    string TermsHash,
    LicenseStatus Status,
    bool Expired,
    ChainResponse? Grant,
    string? RevocationReason,
    DateTime? RevokedAt,
    string? RevocationTxHash,
    ChainResponse? Revocation,
    string? RejectionReason,
    DateTime CreatedAt,
    DateTime? GrantedAt,
    LicenseAcceptanceResponse? Acceptance,
    string? AwaitingSignatureFrom)
{
    /// <summary>
    /// Only for the licensor whose self-custody wallet must sign the grant (while <c>pending</c>) or the revocation
    /// (while <c>revoking</c>): the EIP-712 typed data to sign and its deadline. Omitted otherwise.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SignatureRequest? SignatureRequest { get; init; }

    public static LicenseResponse From(License license, DateTime now) => new(
        license.Id,
        license.DesignId,
        license.OfferId,
        license.ParentLicenseId,
        new LicenseParty(license.LicensorUserId, null),
        new LicenseParty(license.LicenseeUserId, license.LicenseeAddress),
        license.Terms is { } terms ? LicenseTermsDocument.From(terms) : null,
        license.TermsHash,
        license.Status,
        license.EndsAt is { } end && now >= end,
        Chain(license.Grant),
        license.RevocationReason,
        license.RevokedAt,
        license.RevocationTxHash,
        Chain(license.Revocation),
        license.RejectionReason,
        license.CreatedAt,
        license.GrantedAt,
        license.AcceptanceSignature is { } signature ? new LicenseAcceptanceResponse(license.LicenseeAddress, signature, license.AcceptanceDeadline!.Value, license.CreatedAt) : null,
        license.AwaitsGrantSignature ? license.GrantSigner : license.AwaitsRevocationSignature ? license.RevocationSigner : null);

    private static ChainResponse? Chain(Domain.Designs.ChainRecord? record) =>
        record is { } c ? new ChainResponse(c.ChainId, c.Contract, c.TokenId, c.TxHash, c.BlockNumber, c.LogIndex) : null;
}

/// <summary>The licensee's EIP-712 acceptance of the offer from a linked wallet: evidence that the named address agreed to these terms.</summary>
/// <param name="Address">EIP-55; the wallet that signed, and the licensee the grant names.</param>
/// <param name="Signature">65 bytes, 0x hex, over the <c>LicenseAcceptance</c> typed data with <paramref name="Deadline"/>.</param>
public sealed record LicenseAcceptanceResponse(string Address, string Signature, DateTime Deadline, DateTime SignedAt);

/// <param name="Address">EIP-55; for the licensee, the address the grant names.</param>
public sealed record LicenseParty(string UserId, string? Address);
