using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Paging;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;

namespace Vfip.Application.Features.Designs;

/// <summary>Lists designs, newest first, optionally only one owner's.</summary>
public static class ListDesigns
{
    /// <param name="OwnerUserId">Only this user's designs; null for all.</param>
    public sealed record Query(string? OwnerUserId, int Page = 1, int PageSize = Paging.DefaultPageSize)
        : IRequest<PagedList<DesignResponse>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.PageWithin(q => q.Page, q => q.PageSize);
    }

    internal sealed class Handler(IVfipDbContext db, ICurrentCaller current) : IRequestHandler<Query, PagedList<DesignResponse>>
    {
        public async Task<PagedList<DesignResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var designs = db.Designs.AsNoTracking().Where(DesignVisibility.VisibleTo(current.Caller.UserId));
            if (query.OwnerUserId is not null)
            {
                designs = designs.Where(d => d.OwnerUserId == query.OwnerUserId);
            }

            var total = await designs.CountAsync(cancellationToken);
            var page = await designs
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .ToListAsync(cancellationToken);
            return new PagedList<DesignResponse>(page.Select(DesignResponse.From).ToList(), query.Page, query.PageSize, total);
        }
    }
}
