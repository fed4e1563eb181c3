using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Designs.Rules;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Designs;

/// <summary>Reads one design resource.</summary>
public static class GetDesign
{
    public sealed record Query(string DesignId) : IRequest<DesignResponse>, IDesignRequest
    {
        public DesignAccess Access => DesignAccess.Read;
    }

    internal sealed class Handler(IVfipDbContext db, IDesignRegistry registry, IPublicLinks links) : IRequestHandler<Query, DesignResponse>
    {
        public async Task<DesignResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var design = await db.Designs.AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.DesignId, cancellationToken)
                ?? throw DesignNotFound(query.DesignId);

            // Only the owner ever sees a design awaiting a signature (DesignVisibility), so only they get the request.
            return DesignResponse.From(design) with
            {
                SignatureRequest = await DesignRegistrations.SignatureRequestAsync(design, registry, links, cancellationToken),
                InheritedTerms = design.Parents.Count == 0
                    ? null
                    : Licensing.Rules.InheritedOffers.Describe(await Licensing.Rules.InheritedOffers.OfAsync(db, design.Id, cancellationToken), design),
            };
        }
    }

    internal static DomainException DesignNotFound(string designId) =>
        new(ErrorCodes.Designs.NotFound, $"There is no design '{designId}'.");
}
