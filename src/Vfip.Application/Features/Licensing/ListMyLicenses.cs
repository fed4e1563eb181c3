using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Paging;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>The licences the signed-in user holds, newest first.</summary>
public static class ListMyLicenses
{
    public sealed record Query(int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<PagedList<LicenseResponse>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.PageWithin(q => q.Page, q => q.PageSize);
    }

    internal sealed class Handler(IVfipDbContext db, ICurrentCaller current, TimeProvider clock) : IRequestHandler<Query, PagedList<LicenseResponse>>
    {
        public Task<PagedList<LicenseResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            return LicensePages.ReadAsync(db.Licenses.AsNoTracking().Where(l => l.LicenseeUserId == userId), query.Page, query.PageSize, clock, cancellationToken);
        }
    }
}
