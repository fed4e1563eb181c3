using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Paging;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing.Rules;

/// <summary>One page of licences, newest first.</summary>
internal static class LicensePages
{
    /// <param name="signatureRequests">When given, what each licence's response shows as its <c>signatureRequest</c>.</param>
    public static async Task<PagedList<LicenseResponse>> ReadAsync(
        IQueryable<License> licenses,
        int page,
        int pageSize,
        TimeProvider clock,
        CancellationToken cancellationToken,
        Func<License, Task<SignatureRequest?>>? signatureRequests = null)
    {
        var total = await licenses.CountAsync(cancellationToken);
        var items = await licenses
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var responses = new List<LicenseResponse>(items.Count);
        foreach (var license in items)
        {
            var response = LicenseResponse.From(license, now);
            responses.Add(signatureRequests is null ? response : response with { SignatureRequest = await signatureRequests(license) });
        }

        return new PagedList<LicenseResponse>(responses, page, pageSize, total);
    }
}
