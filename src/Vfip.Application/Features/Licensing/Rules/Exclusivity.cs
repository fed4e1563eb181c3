using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Common;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing.Rules;

/// <summary>
/// Exclusive terms, checked off chain before a grant (the contract knows nothing of exclusivity): asked when an offer
/// is accepted and when a sublicence is granted.
/// </summary>
internal static class Exclusivity
{
    /// <summary>
    /// Refuses a grant whose terms cannot coexist with a licence already in force on the design (an exclusive one
    /// overlapping in channel, territory and time, or a new exclusive one overlapping an existing grant).
    /// </summary>
    /// <remarks>
    /// Run it inside <see cref="IVfipDbContext.LockDesignAsync"/> and insert the licence in that same transaction: two
    /// acceptances racing on two replicas then take turns, and the second sees the first's licence (ADR 0015). The
    /// chain cannot arbitrate this (exclusivity is an off-chain term).
    /// </remarks>
    public static async Task RequireNoConflictAsync(IVfipDbContext db, string designId, LicenseTerms terms, DateTime now, CancellationToken cancellationToken, IReadOnlySet<string>? except = null)
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
}
