using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Paging;
using Vfip.Application.Features.Admin.Responses;

namespace Vfip.Application.Features.Admin;

/// <summary>Admins list platform keys, newest first (revoked and expired ones too, for the record).</summary>
public static class ListPlatformKeys
{
    public sealed record Query(int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<PagedList<PlatformKeyResponse>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.PageWithin(q => q.Page, q => q.PageSize);
    }

    internal sealed class Handler(IVfipDbContext db) : IRequestHandler<Query, PagedList<PlatformKeyResponse>>
    {
        public async Task<PagedList<PlatformKeyResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await db.PlatformKeys.CountAsync(cancellationToken);
            var keys = await db.PlatformKeys.AsNoTracking()
                .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ToListAsync(cancellationToken);
            return new PagedList<PlatformKeyResponse>(keys.Select(PlatformKeyResponse.From).ToList(), query.Page, query.PageSize, total);
        }
    }
}
