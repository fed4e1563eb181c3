using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Paging;

namespace Vfip.Application.Features.Admin;

/// <summary>Admins read security events, newest first, optionally of one type or about one subject.</summary>
public static class ReadAuditLog
{
    public sealed record Query(string? Type, string? Subject, int Page = 1, int PageSize = Paging.DefaultPageSize)
        : IRequest<PagedList<AuditEventResponse>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => this.PageWithin(q => q.Page, q => q.PageSize);
    }

    internal sealed class Handler(IVfipDbContext db) : IRequestHandler<Query, PagedList<AuditEventResponse>>
    {
        public async Task<PagedList<AuditEventResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var events = db.AuditEvents.AsNoTracking();
            if (query.Type is { Length: > 0 } type)
            {
                events = events.Where(e => e.Type == type);
            }

            if (query.Subject is { Length: > 0 } subject)
            {
                events = events.Where(e => e.Subject == subject);
            }

            var total = await events.CountAsync(cancellationToken);
            var page = await events
                .OrderByDescending(e => e.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .Select(e => new AuditEventResponse(e.Id, e.OccurredAt, e.Type, e.Actor, e.Subject, e.IpAddress, e.Detail))
                .ToListAsync(cancellationToken);
            return new PagedList<AuditEventResponse>(page, query.Page, query.PageSize, total);
        }
    }
}

/// <param name="Actor">A user id, <c>key:&lt;id&gt;</c> for a platform key, or null when anonymous.</param>
public sealed record AuditEventResponse(long Id, DateTime OccurredAt, string Type, string? Actor, string? Subject, string? IpAddress, string? Detail);
