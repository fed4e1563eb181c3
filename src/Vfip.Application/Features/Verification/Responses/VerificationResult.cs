using Vfip.Application.Features.Identification.Responses;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Verification.Responses;

/// <summary>
/// One rights question: may <paramref name="Holder"/> use <paramref name="DesignId"/> like this? A field left null is not
/// checked (except the design and the holder, which the question is about).
/// </summary>
/// <param name="Holder">A user id or an Ethereum address.</param>
/// <param name="Use">A channel wire name (<c>games</c>, <c>ar</c>, <c>avatar</c>, <c>nft</c>, <c>ecommerce</c>, <c>film</c>).</param>
/// <param name="Territory">ISO 3166-1 alpha-2.</param>
/// <param name="At">ISO-8601; default now.</param>
public sealed record RightsCheck(
    string? DesignId, string? Holder, string? Use = null, bool? Commercial = null, string? Platform = null, string? Territory = null, string? At = null);

/// <summary>The answer: the decision, why, and what a platform needs to check it on chain itself.</summary>
/// <param name="Reasons">Stable snake_case codes; empty when allowed.</param>
/// <param name="Proof">The LicenseGranted event of the licence that allows it; when the holder owns the design, its registration or the transfer to them.</param>
public sealed record VerificationResult(
    bool Allowed, IReadOnlyList<string> Reasons, VerifiedDesign? Design, VerifiedLicense? License, ChainProof? Proof);

public sealed record VerifiedDesign(string Id, string Title, DesignStatus Status, MatchOwner Owner);

public sealed record VerifiedLicense(
    string Id, LicenseStatus Status, MatchOwner Licensee, string? ParentLicenseId, string TermsHash, LicenseTermsDocument? Terms, DateTime? RevokedAt);

public sealed record ChainProof(long ChainId, string Contract, string TxHash, long BlockNumber, int LogIndex);
