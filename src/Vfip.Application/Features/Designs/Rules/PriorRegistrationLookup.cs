using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs.Rules;

/// <summary>
/// Whether this content is registered already, asked before a registration stores anything and again when its save
/// lost the race on the content hash to another replica. Registration is idempotent for the owner (the same content
/// again answers with the existing design), and content, or any one image of it, belongs to one owner only.
/// </summary>
internal sealed class PriorRegistrationLookup(IVfipDbContext db)
{
    /// <returns>The caller's own design with this content; null when nobody registered any of it.</returns>
    /// <exception cref="DomainException"><c>design_already_registered</c> (with <c>existingDesignId</c>) when the same content, or any of the same images, is another owner's.</exception>
    public async Task<Design?> FindPriorRegistrationAsync(
        string userId, string contentHash, IReadOnlyList<DesignImage> images, CancellationToken cancellationToken)
    {
        var sameContent = await db.Designs.AsNoTracking().FirstOrDefaultAsync(d => d.ContentHash == contentHash, cancellationToken);
        if (sameContent is not null)
        {
            return sameContent.OwnerUserId == userId
                ? sameContent
                : throw AlreadyRegistered(sameContent.Id, "This content is already registered by another owner.");
        }

        var digests = images.Select(i => i.Sha256).ToList();
        var sharingAnImage = await db.Designs.AsNoTracking()
            .Where(d => d.OwnerUserId != userId && d.Images.Any(i => digests.Contains(i.Sha256)))
            .OrderBy(d => d.CreatedAt)
            .Select(d => d.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return sharingAnImage is null
            ? null
            : throw AlreadyRegistered(sharingAnImage, "One of these images is already part of another owner's design.");
    }

    private static DomainException AlreadyRegistered(string existingDesignId, string detail) =>
        new DomainException(ErrorCodes.Designs.AlreadyRegistered, detail).With("existingDesignId", existingDesignId);
}
