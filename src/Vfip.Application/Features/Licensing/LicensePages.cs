using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Paging;
using Vfip.Application.Common.Security;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>One page of licences, newest first.</summary>
internal static class LicensePages
{
    public static async Task<PagedList<LicenseResponse>> ReadAsync(
        IQueryable<License> licenses, int page, int pageSize, TimeProvider clock, CancellationToken cancellationToken)
    {
        var total = await licenses.CountAsync(cancellationToken);
        var items = await licenses
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return new PagedList<LicenseResponse>(items.Select(l => LicenseResponse.From(l, now)).ToList(), page, pageSize, total);
    }
}
