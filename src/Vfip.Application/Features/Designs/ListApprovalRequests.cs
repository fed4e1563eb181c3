using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Paging;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// The derivatives asking the signed-in user, as the current owner of their parent, for approval (ADR 0018), newest
/// first, optionally only those in one <c>status</c>. A parent sold meanwhile moves its requests to the new owner.
/// </summary>
public static class ListApprovalRequests
{
    /// <param name="Status"><c>pending</c>, <c>approved</c> or <c>refused</c>; null for all.</param>
    public sealed record Query(string? Status = null, int Page = 1, int PageSize = Paging.DefaultPageSize) : IRequest<PagedList<ApprovalRequestResponse>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            this.PageWithin(q => q.Page, q => q.PageSize);
            RuleFor(q => q.Status)
                .Must(s => s is null || TryParse(s, out _))
                .WithMessage("Status must be one of: pending, approved, refused.");
        }
    }

    internal sealed class Handler(IVfipDbContext db, ICurrentCaller current) : IRequestHandler<Query, PagedList<ApprovalRequestResponse>>
    {
        public async Task<PagedList<ApprovalRequestResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            DerivativeApprovalStatus? status = query.Status is { } s && TryParse(s, out var parsed) ? parsed : null;
            var requests =
                from derivative in db.Designs.AsNoTracking()
                from approval in derivative.Approvals
                join parent in db.Designs.AsNoTracking() on approval.ParentDesignId equals parent.Id
                where parent.OwnerUserId == userId && (status == null || approval.Status == status)
                select new { derivative, approval };

            var total = await requests.CountAsync(cancellationToken);
            var items = await requests
                .OrderByDescending(r => r.derivative.CreatedAt).ThenByDescending(r => r.derivative.Id).ThenBy(r => r.approval.ParentDesignId)
                .Skip((query.Page - 1) * query.PageSize)
                .Take(query.PageSize)
                .Select(r => new ApprovalRequestResponse(
                    r.derivative.Id,
                    r.derivative.Title,
                    new DesignOwner(r.derivative.OwnerUserId, r.derivative.OwnerAddress),
                    r.derivative.Status,
                    r.approval.ParentDesignId,
                    r.approval.LicenseId,
                    r.approval.Status,
                    r.derivative.CreatedAt,
                    r.approval.DecidedAt,
                    r.approval.Reason))
                .ToListAsync(cancellationToken);
            return new PagedList<ApprovalRequestResponse>(items, query.Page, query.PageSize, total);
        }
    }

    private static bool TryParse(string value, out DerivativeApprovalStatus status)
    {
        status = value switch
        {
            "pending" => DerivativeApprovalStatus.Pending,
            "approved" => DerivativeApprovalStatus.Approved,
            "refused" => DerivativeApprovalStatus.Refused,
            _ => (DerivativeApprovalStatus)(-1),
        };
        return Enum.IsDefined(status);
    }
}

/// <summary>A derivative asking a parent's owner for approval, as that owner lists them.</summary>
/// <param name="DesignId">The derivative (read it, images included, at <c>/api/v1/designs/{designId}</c>).</param>
/// <param name="DesignStatus">The derivative's status (<c>awaiting_approval</c> while any parent's owner has not decided).</param>
/// <param name="RequestedAt">When the derivative was registered.</param>
public sealed record ApprovalRequestResponse(
    string DesignId,
    string Title,
    DesignOwner Owner,
    DesignStatus DesignStatus,
    string ParentDesignId,
    string LicenseId,
    DerivativeApprovalStatus Status,
    DateTime RequestedAt,
    DateTime? DecidedAt,
    string? Reason);
