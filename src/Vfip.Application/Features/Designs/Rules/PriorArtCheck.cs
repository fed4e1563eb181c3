using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Identification.Responses;
using Vfip.Application.Features.Identification.Rules;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Designs.Rules;

/// <summary>
/// Prior art at registration: a design that looks like another owner's registered design is refused, unless it is
/// one of the parents this derivative is licensed under; looking like one's own is allowed and reported. Images too
/// flat to match on are never compared. Two replicas can still each accept one of two look-alikes at once;
/// <see cref="PriorArtReview"/> settles that after anchoring.
/// </summary>
internal sealed class PriorArtCheck(IVfipDbContext db, IImageIndex index)
{
    /// <param name="parentDesignIds">The designs this one is a licensed derivative of.</param>
    /// <returns>The registrant's own designs that look like this one.</returns>
    public async Task<IReadOnlyList<IdentifyMatch>> CheckPriorArtAsync(
        string userId, IReadOnlyList<ImageFacts> facts, IReadOnlySet<string> parentDesignIds, CancellationToken cancellationToken)
    {
        var hits = facts.Where(f => !f.LowQuality).SelectMany(f => index.Match(f.Probe)).ToList();
        var similar = await DesignMatches.DescribeAsync(db, hits, publicOnly: false, cancellationToken);
        var others = similar.Where(m => m.Owner.UserId != userId && !parentDesignIds.Contains(m.DesignId)).ToList();
        if (others.Count > 0)
        {
            throw new DomainException(
                    ErrorCodes.Designs.SimilarRegistered, "This design matches another owner's registered design. Register it as a licensed derivative instead.")
                .With("matches", others);
        }

        return similar;
    }
}
