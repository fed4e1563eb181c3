using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Licensing.Responses;

namespace Vfip.Application.Features.Licensing;

/// <summary>The offers published on a design, newest first: what a licensee can accept.</summary>
public static class ListLicenseOffers
{
    public sealed record Query(string DesignId) : IRequest<IReadOnlyList<OfferResponse>>, IDesignRequest
    {
        public DesignAccess Access => DesignAccess.Read;
    }

    internal sealed class Handler(IVfipDbContext db) : IRequestHandler<Query, IReadOnlyList<OfferResponse>>
    {
        public async Task<IReadOnlyList<OfferResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var offers = await db.LicenseOffers.AsNoTracking()
                .Where(o => o.DesignId == query.DesignId)
                .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
                .Take(200)
                .ToListAsync(cancellationToken);
            return offers.Select(OfferResponse.From).ToList();
        }
    }
}
