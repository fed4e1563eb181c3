using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Verification.Rules;

/// <summary>
/// Everything a rights decision on one design reads, as of one moment: the design, its owner and ownership proof, and
/// every licence on it (sublicences included, so a sublicence's ancestors are here too) with its terms parsed.
/// Immutable: a change to the design or any of its licences replaces the whole snapshot (<see cref="RightsReadModel"/>).
/// Nothing time-dependent is decided here; expiry and <c>at</c> are judged per request.
/// </summary>
public sealed class DesignRights
{
    /// <param name="licenses">Every licence on the design, newest first.</param>
    public DesignRights(
        string id, string title, DesignStatus status, string ownerUserId, string ownerAddress, ChainRecord? registration, ChainRecord? lastTransfer,
        IReadOnlyList<LicenseRights> licenses)
    {
        Id = id;
        Title = title;
        Status = status;
        OwnerUserId = ownerUserId;
        OwnerAddress = ownerAddress;
        Registration = registration;
        LastTransfer = lastTransfer;
        Licenses = licenses;
        ById = licenses.ToDictionary(l => l.Id, StringComparer.Ordinal);
    }

    public string Id { get; }

    public string Title { get; }

    public DesignStatus Status { get; }

    public string OwnerUserId { get; }

    public string OwnerAddress { get; }

    public ChainRecord? Registration { get; }

    public ChainRecord? LastTransfer { get; }

    /// <summary>Every licence on the design, newest first.</summary>
    public IReadOnlyList<LicenseRights> Licenses { get; }

    /// <summary>The same licences by id (the parent chain of a sublicence).</summary>
    public IReadOnlyDictionary<string, LicenseRights> ById { get; }

    /// <summary>Reads one design and its licences (two queries); null when there is no such design.</summary>
    public static async Task<DesignRights?> LoadAsync(IVfipDbContext db, string designId, CancellationToken cancellationToken)
    {
        var design = await db.Designs.AsNoTracking()
            .Where(d => d.Id == designId)
            .Select(d => new { d.Id, d.Title, d.Status, d.OwnerUserId, d.OwnerAddress, d.Chain, d.LastTransfer })
            .FirstOrDefaultAsync(cancellationToken);
        if (design is null)
        {
            return null;
        }

        var licenses = await db.Licenses.AsNoTracking()
            .Where(l => l.DesignId == designId)
            .OrderByDescending(l => l.CreatedAt)
            .ToListAsync(cancellationToken);
        return new DesignRights(
            design.Id, design.Title, design.Status, design.OwnerUserId, design.OwnerAddress, design.Chain, design.LastTransfer,
            licenses.Select(LicenseRights.From).ToList());
    }
}

/// <summary>
/// One licence as verification reads it: state, holder, window, grant proof and parsed terms (null while unknown: a
/// grant observed on chain whose terms document nobody has published yet).
/// </summary>
public sealed record LicenseRights(
    string Id,
    LicenseStatus Status,
    string LicenseeUserId,
    string LicenseeAddress,
    string? ParentLicenseId,
    string TermsHash,
    LicenseTerms? Terms,
    LicenseTermsDocument? Document,
    DateTime? StartsAt,
    DateTime? EndsAt,
    DateTime? RevokedAt,
    ChainRecord? Grant)
{
    public static LicenseRights From(License license) => new(
        license.Id, license.Status, license.LicenseeUserId, license.LicenseeAddress, license.ParentLicenseId, license.TermsHash,
        license.Terms, license.Terms is { } terms ? LicenseTermsDocument.From(terms) : null, license.StartsAt, license.EndsAt, license.RevokedAt, license.Grant);
}
