using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Identification.Responses;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Identification.Rules;

/// <summary>Turns image-level index hits into the design-level matches of the contract.</summary>
internal static class DesignMatches
{
    /// <summary>
    /// One entry per design (its best image), best first. Designs the chain rejected are not registered IP
    /// and never match; nor do drafts awaiting their owner's wallet signature: they are private until
    /// signed, and an unsigned draft must not block anyone's registration. A derivative awaiting its parents' approval
    /// does match: it is a registration held for a decision, and its content is claimed (ADR 0018). <paramref name="publicOnly"/>
    /// strips what anonymous callers may not see.
    /// </summary>
    public static async Task<IReadOnlyList<IdentifyMatch>> DescribeAsync(
        IVfipDbContext db, IReadOnlyList<ImageMatch> hits, bool publicOnly, CancellationToken cancellationToken)
    {
        var best = hits
            .GroupBy(h => h.DesignId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(h => h.Distance).ThenByDescending(h => h.Score).First())
            .ToList();
        if (best.Count == 0)
        {
            return [];
        }

        var ids = best.Select(h => h.DesignId).ToList();
        var designs = await db.Designs.AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.Status != DesignStatus.Rejected && d.Status != DesignStatus.AwaitingSignature)
            .ToDictionaryAsync(d => d.Id, StringComparer.Ordinal, cancellationToken);

        return best
            .Where(h => designs.ContainsKey(h.DesignId))
            .OrderBy(h => h.Distance).ThenByDescending(h => h.Score).ThenBy(h => designs[h.DesignId].CreatedAt)
            .Select(h =>
            {
                var design = designs[h.DesignId];
                var image = design.Images.FirstOrDefault(i => i.Index == h.ImageIndex);
                return new IdentifyMatch(
                    design.Id,
                    design.Title,
                    new MatchOwner(publicOnly ? null : design.OwnerUserId, design.OwnerAddress),
                    design.Status,
                    h.Distance,
                    publicOnly ? null : h.Score,
                    publicOnly ? null : h.Transform,
                    publicOnly || image is null ? null : new MatchedImage("0x" + image.Sha256, image.Index));
            })
            .ToList();
    }
}
