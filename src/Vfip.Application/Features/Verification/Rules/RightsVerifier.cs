using System.Globalization;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Identification.Responses;
using Vfip.Application.Features.Verification.Responses;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Verification.Rules;

/// <summary>
/// Decides rights questions from the in-memory rights read model (<see cref="RightsReadModel"/>, ADR 0014): ownership,
/// then the holder's licences (expiry, revocation at the time asked about, the parent chain of a sublicence, channel,
/// commercial use, platform, territory). Everything time-dependent is judged here, per request, so expiry and
/// <c>at</c> need no invalidation. Shared by the single, batch and image verification use cases.
/// </summary>
internal sealed class RightsVerifier(IVfipDbContext db, RightsReadModel readModel, TimeProvider clock)
{
    private const int MaxAncestry = 32;

    public async Task<VerificationResult> VerifyAsync(RightsCheck check, bool publicOnly, CancellationToken cancellationToken)
    {
        var (designId, holder, use) = Parse(check, out var at);
        var design = await readModel.GetAsync(designId, token => DesignRights.LoadAsync(db, designId, token), cancellationToken);
        if (design is null || design.Status == DesignStatus.AwaitingSignature)
        {
            return Refused(["design_not_found"], null, null);
        }

        var described = new VerifiedDesign(design.Id, design.Title, design.Status, new MatchOwner(publicOnly ? null : design.OwnerUserId, design.OwnerAddress));
        if (design.Status != DesignStatus.Anchored || design.Registration is not { } registration)
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

        (LicenseRights License, List<string> Reasons)? best = null;
        var licenseUse = use with { At = at };
        foreach (var license in design.Licenses)
        {
            if (!(holderIsAddress ? string.Equals(license.LicenseeAddress, holder, StringComparison.OrdinalIgnoreCase) : license.LicenseeUserId == holder))
            {
                continue;
            }

            var reasons = Refusals(design, license, licenseUse);
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

        return best is { } refused
            ? Refused(refused.Reasons, described, Describe(refused.License, publicOnly))
            : Refused(["no_license"], described, null);
    }

    private static List<string> Refusals(DesignRights design, LicenseRights license, LicenseUse use)
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
            case LicenseStatus.Active or LicenseStatus.Revoking or LicenseStatus.Revoked:
                break;
            default:
                // A state added later (disputed, suspended, ...) never grants until this decides what it means.
                reasons.Add("license_not_active");
                break;
        }

        // A grant made directly on chain anchors only its terms' hash: nothing is permitted until the document is published.
        reasons.AddRange(license.Terms?.Refusals(use) ?? ["license_terms_unknown"]);

        // A sublicence is worth no more than its ancestors at that time (EIP-5218; the contract's isLicenseValid agrees).
        var parentId = license.ParentLicenseId;
        for (var depth = 0; parentId is not null && depth < MaxAncestry; depth++)
        {
            if (!design.ById.TryGetValue(parentId, out var parent) || !ParentValidAt(parent, at))
            {
                reasons.Add("parent_license_not_valid");
                break;
            }

            parentId = parent.ParentLicenseId;
        }

        return reasons;
    }

    private static bool ParentValidAt(LicenseRights parent, DateTime at) =>
        parent.Status is LicenseStatus.Active or LicenseStatus.Revoking or LicenseStatus.Revoked
        && !(parent.RevokedAt is { } revoked && revoked <= at)
        && !(parent.StartsAt is { } start && at < start)
        && !(parent.EndsAt is { } end && at >= end);

    private (string DesignId, string Holder, LicenseUse Use) Parse(RightsCheck check, out DateTime at)
    {
        if (string.IsNullOrWhiteSpace(check.DesignId))
        {
            throw new DomainException(ErrorCodes.Verification.DesignIdRequired, "Name the design: designId.");
        }

        if (string.IsNullOrWhiteSpace(check.Holder))
        {
            throw new DomainException(ErrorCodes.Verification.HolderRequired, "Name the holder: a user id or an Ethereum address.");
        }

        LicenseChannel? channel = null;
        if (check.Use is { } use)
        {
            channel = LicenseVocabulary.TryParseChannel(use, out var parsed)
                ? parsed
                : throw new DomainException(
                    ErrorCodes.Terms.UnknownChannel, $"'{use}' is not a use; use one of {string.Join(", ", LicenseVocabulary.ChannelNames)}.");
        }

        if (check.Territory is { } territory && !LicenseVocabulary.IsTerritoryCode(territory.Trim().ToUpperInvariant()))
        {
            throw new DomainException(ErrorCodes.Terms.InvalidTerritory, $"'{territory}' is not an ISO 3166-1 alpha-2 code.");
        }

        at = clock.GetUtcNow().UtcDateTime;
        if (check.At is { } text)
        {
            at = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedAt)
                ? parsedAt.UtcDateTime
                : throw new DomainException(ErrorCodes.Verification.InvalidTime, $"'{text}' is not an ISO-8601 time.");
        }

        return (check.DesignId.Trim(), check.Holder.Trim(), new LicenseUse(channel, check.Commercial, check.Platform, check.Territory, null));
    }

    private static VerifiedLicense Describe(LicenseRights license, bool publicOnly) => new(
        license.Id,
        license.Status,
        new MatchOwner(publicOnly ? null : license.LicenseeUserId, license.LicenseeAddress),
        license.ParentLicenseId,
        license.TermsHash,
        license.Document,
        license.RevokedAt);

    private static VerificationResult Refused(IReadOnlyList<string> reasons, VerifiedDesign? design, VerifiedLicense? license) =>
        new(false, reasons, design, license, null);

    private static bool IsAddress(string holder) =>
        holder.Length == 42 && holder.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && !holder.AsSpan(2).ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

}
