using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Designs.Rules;

/// <summary>
/// The parents a derivative names at registration, checked before anything is stored: each must come with a licence
/// that lets the registrant derive from it now (<see cref="DerivativeLicences"/>). What the licences' terms say then
/// shapes the registration: approval-required ones hold the design for their parent's owner (ADR 0018), reciprocal
/// ones are inherited as offers on the derivative.
/// </summary>
/// <remarks>
/// The list's shape (how many, ids present, no parent twice) is the validator's (<c>RegisterDesign.Validator</c>):
/// this check reads the licences and assumes a well-formed list.
/// </remarks>
internal sealed class DerivativeParentsCheck(IVfipDbContext db, TimeProvider clock)
{
    /// <param name="ownerUserId">Who registers the derivative.</param>
    /// <param name="ownerAddress">The address that will own the derivative's token (the licence must name it).</param>
    public async Task<CheckedParents> CheckParentsAsync(
        string ownerUserId, string ownerAddress, IReadOnlyList<DerivativeParent> parents, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var approvals = new List<DerivativeParent>();
        var reciprocal = new List<License>();
        foreach (var parent in parents)
        {
            var license = await db.Licenses.AsNoTracking().FirstOrDefaultAsync(l => l.Id == parent.LicenseId, cancellationToken);
            if (DerivativeLicences.WhyNot(license, parent, ownerUserId, ownerAddress, now) is { } why)
            {
                throw new DomainException(ErrorCodes.Derivatives.NotLicensed, $"Design {parent.DesignId} cannot be a parent: {why}.")
                    .With("designId", parent.DesignId);
            }

            var derivativeTerms = (license!.Terms ?? throw LicenseErrors.TermsUnknown(license.Id)).Derivatives;
            if (derivativeTerms.ApprovalRequired)
            {
                approvals.Add(parent);
            }

            if (derivativeTerms.Reciprocal)
            {
                reciprocal.Add(license);
            }
        }

        return new CheckedParents(parents, approvals, reciprocal);
    }
}

/// <summary>A derivative's parents once their licences are checked, and what those licences' terms ask of it.</summary>
/// <param name="ApprovalsRequired">The parents whose owner must approve the derivative before it is anchored.</param>
/// <param name="Reciprocal">The licences whose terms the derivative inherits as its own offers.</param>
internal sealed record CheckedParents(
    IReadOnlyList<DerivativeParent> Parents, IReadOnlyList<DerivativeParent> ApprovalsRequired, IReadOnlyList<License> Reciprocal)
{
    /// <summary>The parent designs' ids: a derivative may look like these (it is licensed to).</summary>
    public IReadOnlySet<string> DesignIds { get; } = Parents.Select(p => p.DesignId).ToHashSet(StringComparer.Ordinal);
}
