using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Identification.Rules;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs.Rules;

/// <summary>
/// After a design is anchored, looks for another owner's look-alike anchored before it. Registration refuses
/// prior art, but two replicas can each accept one of two near-identical uploads before either has learned of
/// the other; the chain order settles who was first, and the later design is flagged for review.
/// </summary>
internal sealed class PriorArtReview(
    IVfipDbContext db,
    IImageIndex index,
    IImageIndexSync sync,
    IFingerprinter fingerprinter,
    IBlobStore blobs,
    ILogger<PriorArtReview> logger)
{
    public async Task CheckAsync(Design design, CancellationToken cancellationToken)
    {
        // Learn what the other replicas registered first: the look-alike may have been accepted there.
        await sync.CatchUpAsync(cancellationToken);

        var hits = new List<ImageMatch>();
        foreach (var image in design.Images)
        {
            // The query side needs the dihedral variants, which are not stored: fingerprint the stored bytes again.
            if (await blobs.ReadAllBytesAsync(image.Sha256, cancellationToken) is not { } bytes)
            {
                continue;
            }

            var facts = fingerprinter.Fingerprint(bytes, cancellationToken);
            if (!facts.LowQuality)
            {
                hits.AddRange(index.Match(facts.Probe));
            }
        }

        var parents = design.Parents.Select(p => p.DesignId).ToHashSet(StringComparer.Ordinal);
        var others = (await DesignMatches.DescribeAsync(db, hits, publicOnly: false, cancellationToken))
            .Where(m => m.DesignId != design.Id && m.Owner.UserId != design.OwnerUserId && !parents.Contains(m.DesignId))
            .Select(m => m.DesignId)
            .ToList();
        if (others.Count == 0 || design.Chain is not { } mine)
        {
            return;
        }

        var earlier = await db.Designs.AsNoTracking()
            .Where(d => others.Contains(d.Id) && d.Status == DesignStatus.Anchored)
            .Select(d => new { d.Id, d.Chain })
            .ToListAsync(cancellationToken);
        var first = earlier
            .Where(d => d.Chain is { } theirs && (theirs.BlockNumber, theirs.LogIndex).CompareTo((mine.BlockNumber, mine.LogIndex)) < 0)
            .OrderBy(d => d.Chain!.BlockNumber).ThenBy(d => d.Chain!.LogIndex)
            .FirstOrDefault();
        if (first is null)
        {
            return;
        }

        design.FlagForReview(first.Id, $"Another owner's look-alike design {first.Id} was anchored before this one (block {first.Chain!.BlockNumber}).");
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Design {DesignId} flagged for review: {ConflictingDesignId} was anchored first", design.Id, first.Id);
    }
}
