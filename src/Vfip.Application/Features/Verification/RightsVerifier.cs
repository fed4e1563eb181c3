using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Errors;
using Vfip.Application.Features.Identification;
using Vfip.Application.Features.Licensing;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Verification;

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

/// <summary>
/// Decides rights questions from the read model: ownership, then the holder's licences (expiry, revocation at the
/// time asked about, the parent chain of a sublicence, channel, commercial use, platform, territory). Shared by the
/// single, batch and image verification use cases.
/// </summary>
internal sealed class RightsVerifier(IVfipDbContext db, TimeProvider clock)
{
    private const int MaxAncestry = 32;

    public async Task<VerificationResult> VerifyAsync(RightsCheck check, bool publicOnly, CancellationToken cancellationToken)
    {
        var (designId, holder, use) = Parse(check, out var at);
        var design = await db.Designs.AsNoTracking()
            .Where(d => d.Id == designId && d.Status != DesignStatus.AwaitingSignature)
            .Select(d => new { d.Id, d.Title, d.Status, d.OwnerUserId, d.OwnerAddress, d.Chain, d.LastTransfer })
            .FirstOrDefaultAsync(cancellationToken);
        if (design is null)
        {
            return Refused(["design_not_found"], null, null);
        }

        var described = new VerifiedDesign(design.Id, design.Title, design.Status, new MatchOwner(publicOnly ? null : design.OwnerUserId, design.OwnerAddress));
        if (design.Status != DesignStatus.Anchored || design.Chain is not { } registration)
        {
            return Refused(["design_not_anchored"], described, null);
        }

        var holderIsAddress = IsAddress(holder);
        var isOwner = holderIsAddress
            ? string.Equals(holder, design.OwnerAddress, StringComparison.OrdinalIgnoreCase)
            : holder == design.OwnerUserId;
        if (isOwner)
        {
            // Owners may do anything with their own design; the registration (or the transfer to them) is the proof.
            var ownership = design.LastTransfer ?? registration;
            return new VerificationResult(true, [], described, null,
                new ChainProof(ownership.ChainId, ownership.Contract, ownership.TxHash, ownership.BlockNumber, ownership.LogIndex));
        }

        var address = holder.ToLowerInvariant();
        var held = db.Licenses.AsNoTracking().Where(l => l.DesignId == design.Id);
        held = holderIsAddress ? held.Where(l => l.LicenseeAddress.ToLower() == address) : held.Where(l => l.LicenseeUserId == holder);
        var licenses = await held
            .OrderByDescending(l => l.CreatedAt)
            .ToListAsync(cancellationToken);
        if (licenses.Count == 0)
        {
            return Refused(["no_license"], described, null);
        }

        (License License, List<string> Reasons)? best = null;
        foreach (var license in licenses)
        {
            var reasons = await RefusalsAsync(license, use with { At = at }, cancellationToken);
            if (reasons.Count == 0)
            {
                var grant = license.Grant!;
                return new VerificationResult(true, [], described, Describe(license, publicOnly),
                    new ChainProof(grant.ChainId, grant.Contract, grant.TxHash, grant.BlockNumber, grant.LogIndex));
            }

            if (best is null || reasons.Count < best.Value.Reasons.Count)
            {
                best = (license, reasons);
            }
        }

        return Refused(best!.Value.Reasons, described, Describe(best.Value.License, publicOnly));
    }

    private async Task<List<string>> RefusalsAsync(License license, LicenseUse use, CancellationToken cancellationToken)
    {
        var at = use.At!.Value;
        var reasons = new List<string>();
        switch (license.Status)
        {
            case LicenseStatus.Pending:
                reasons.Add("license_pending");
                break;
            case LicenseStatus.Rejected:
                reasons.Add("license_rejected");
                break;
            case LicenseStatus.Revoking or LicenseStatus.Revoked when license.RevokedAt <= at:
                reasons.Add("license_revoked");
                break;
        }

        // A grant made directly on chain anchors only its terms' hash: nothing is permitted until the document is published.
        reasons.AddRange(ParsedTerms.Get(license)?.Terms.Refusals(use) ?? ["license_terms_unknown"]);

        // A sublicence is worth no more than its ancestors at that time (EIP-5218; the contract's isLicenseValid agrees).
        var parentId = license.ParentLicenseId;
        for (var depth = 0; parentId is not null && depth < MaxAncestry; depth++)
        {
            var parent = await db.Licenses.AsNoTracking()
                .Where(l => l.Id == parentId)
                .Select(l => new { l.Status, l.RevokedAt, l.StartsAt, l.EndsAt, l.ParentLicenseId })
                .FirstOrDefaultAsync(cancellationToken);
            if (parent is null
                || parent.Status is LicenseStatus.Pending or LicenseStatus.Rejected
                || (parent.RevokedAt is { } revoked && revoked <= at)
                || (parent.StartsAt is { } start && at < start)
                || (parent.EndsAt is { } end && at >= end))
            {
                reasons.Add("parent_license_not_valid");
                break;
            }

            parentId = parent.ParentLicenseId;
        }

        return reasons;
    }

    private (string DesignId, string Holder, LicenseUse Use) Parse(RightsCheck check, out DateTime at)
    {
        if (string.IsNullOrWhiteSpace(check.DesignId))
        {
            throw new BadRequestException("design_id_required", "Name the design: designId.");
        }

        if (string.IsNullOrWhiteSpace(check.Holder))
        {
            throw new BadRequestException("holder_required", "Name the holder: a user id or an Ethereum address.");
        }

        LicenseChannel? channel = null;
        if (check.Use is { } use)
        {
            channel = LicenseVocabulary.TryParseChannel(use, out var parsed)
                ? parsed
                : throw new BadRequestException("unknown_channel", $"'{use}' is not a use; use one of {string.Join(", ", LicenseVocabulary.ChannelNames)}.");
        }

        if (check.Territory is { } territory && !LicenseVocabulary.IsTerritoryCode(territory.Trim().ToUpperInvariant()))
        {
            throw new BadRequestException("invalid_territory", $"'{territory}' is not an ISO 3166-1 alpha-2 code.");
        }

        at = clock.GetUtcNow().UtcDateTime;
        if (check.At is { } text)
        {
            at = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedAt)
                ? parsedAt.UtcDateTime
                : throw new BadRequestException("invalid_time", $"'{text}' is not an ISO-8601 time.");
        }

        return (check.DesignId.Trim(), check.Holder.Trim(), new LicenseUse(channel, check.Commercial, check.Platform, check.Territory, null));
    }

    private static VerifiedLicense Describe(License license, bool publicOnly) => new(
        license.Id,
        license.Status,
        new MatchOwner(publicOnly ? null : license.LicenseeUserId, license.LicenseeAddress),
        license.ParentLicenseId,
        license.TermsHash,
        ParsedTerms.Get(license)?.Document,
        license.RevokedAt);

    private static VerificationResult Refused(IReadOnlyList<string> reasons, VerifiedDesign? design, VerifiedLicense? license) =>
        new(false, reasons, design, license, null);

    private static bool IsAddress(string holder) =>
        holder.Length == 42 && holder.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && !holder.AsSpan(2).ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>
    /// Stored terms, parsed once per terms hash. Terms are immutable by definition (the hash names the canonical JSON),
    /// so the cache holds no mutable state: status, revocation, ownership and parents are read fresh every time. An entry
    /// is used only when its JSON is exactly the row's, so a row whose hash and JSON disagreed could never be misread.
    /// </summary>
    internal static class ParsedTerms
    {
        private const int Capacity = 4096;
        private static readonly ConcurrentDictionary<string, Entry> Cache = new(StringComparer.Ordinal);

        internal sealed record Entry(string Json, LicenseTerms Terms, LicenseTermsDocument Document);

        /// <returns>Null while the licence's terms are unknown.</returns>
        public static Entry? Get(License license)
        {
            if (license.TermsJson is not { } json)
            {
                return null;
            }

            if (Cache.TryGetValue(license.TermsHash, out var cached) && string.Equals(cached.Json, json, StringComparison.Ordinal))
            {
                return cached;
            }

            var terms = LicenseTermsDocument.Parse(json);
            var entry = new Entry(json, terms, LicenseTermsDocument.From(terms));
            if (Cache.Count >= Capacity)
            {
                Cache.Clear(); // crude but bounded; distinct terms are few in practice
            }

            Cache[license.TermsHash] = entry;
            return entry;
        }
    }
}
