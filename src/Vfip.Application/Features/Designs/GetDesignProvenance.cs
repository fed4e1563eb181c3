using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// A design's history on chain, oldest first: registration, transfers (including ones made directly from a wallet),
/// royalty changes, licence grants and revocations, and derivative links either way, each with its chain reference.
/// Read from the chain's logs on request (not yet from an indexer's read model).
/// </summary>
public static class GetDesignProvenance
{
    public sealed record Query(string DesignId) : IRequest<Result>, IDesignRequest
    {
        public DesignAccess Access => DesignAccess.Read;
    }

    /// <param name="Events">Empty while the design is not anchored.</param>
    public sealed record Result(string DesignId, string? TokenId, IReadOnlyList<ProvenanceEvent> Events);

    /// <param name="ParentDesignId">For derivative links: the parent's design id, when VFIP knows the token.</param>
    public sealed record ProvenanceEvent(
        string Kind,
        ChainResponse Chain,
        string? From,
        string? To,
        string? LicenseId,
        string? TermsHash,
        string? ParentDesignId,
        string? ChildDesignId,
        string? RoyaltyReceiver,
        int? RoyaltyBps);

    internal sealed class Handler(IVfipDbContext db, IChainHistory history) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var tokenId = await db.Designs.AsNoTracking().Where(d => d.Id == query.DesignId).Select(d => d.Chain!.TokenId).FirstOrDefaultAsync(cancellationToken);
            if (tokenId is null)
            {
                return new Result(query.DesignId, null, []);
            }

            var events = await history.GetTokenHistoryAsync(tokenId, cancellationToken);
            var tokens = events.SelectMany(e => new[] { e.ParentTokenId, e.ChildTokenId }).OfType<string>().Distinct().ToList();
            var designsByToken = await db.Designs.AsNoTracking()
                .Where(d => tokens.Contains(d.Chain!.TokenId))
                .Select(d => new { d.Id, d.Chain!.TokenId })
                .ToDictionaryAsync(d => d.TokenId, d => d.Id, cancellationToken);
            string? DesignOf(string? token) => token is not null && designsByToken.TryGetValue(token, out var id) ? id : null;

            return new Result(query.DesignId, tokenId, events.Select(e => new ProvenanceEvent(
                e.Kind,
                new ChainResponse(e.Chain.ChainId, e.Chain.Contract, tokenId, e.Chain.TxHash, e.Chain.BlockNumber, e.Chain.LogIndex),
                e.From,
                e.To,
                e.LicenseId,
                e.TermsHash,
                DesignOf(e.ParentTokenId),
                DesignOf(e.ChildTokenId),
                e.RoyaltyReceiver,
                e.RoyaltyBps)).ToList());
        }
    }
}
