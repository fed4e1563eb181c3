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

/// <summary>The licences on one design, newest first (every state, sublicences included), with the signature requests the caller's wallet must answer.</summary>
public static class ListDesignLicenses
{
    public sealed record Query(string DesignId, int Page = 1, int PageSize = Paging.DefaultPageSize)
        : IRequest<PagedList<LicenseResponse>>, IDesignRequest
    {
        public DesignAccess Access => DesignAccess.Read;
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.PageWithin(q => q.Page, q => q.PageSize);
    }

    internal sealed class Handler(IVfipDbContext db, ILicenseRegistry registry, ICurrentCaller current, TimeProvider clock)
        : IRequestHandler<Query, PagedList<LicenseResponse>>
    {
        public Task<PagedList<LicenseResponse>> Handle(Query query, CancellationToken cancellationToken) =>
            LicensePages.ReadAsync(
                db.Licenses.AsNoTracking().Where(l => l.DesignId == query.DesignId),
                query.Page,
                query.PageSize,
                clock,
                cancellationToken,
                license => LicenseWalletSignatures.RequestForAsync(license, current.Caller.UserId, db, registry, cancellationToken));
    }
}
