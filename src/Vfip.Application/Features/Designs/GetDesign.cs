using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Errors;

namespace Vfip.Application.Features.Designs;

/// <summary>Reads one design resource.</summary>
public static class GetDesign
{
    public sealed record Query(string DesignId) : IRequest<DesignResponse>;

    internal sealed class Handler(IVfipDbContext db) : IRequestHandler<Query, DesignResponse>
    {
        public async Task<DesignResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var design = await db.Designs.AsNoTracking().FirstOrDefaultAsync(d => d.Id == query.DesignId, cancellationToken)
                ?? throw DesignNotFound(query.DesignId);
            return DesignResponse.From(design);
        }
    }

    internal static NotFoundException DesignNotFound(string designId) =>
        new("design_not_found", $"There is no design '{designId}'.");
}
