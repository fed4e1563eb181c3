using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Domain.Common;

namespace Vfip.Application.Common.Behaviors;

/// <summary>
/// Object-level authorization for every <see cref="IDesignRequest"/>, in one place: a design the caller
/// cannot see is 404 (its existence is not revealed); a design they can see but do not own is 403 for
/// anything but reading. It runs before validation, so a non-owner learns nothing from error messages.
/// Admins get no exception: they manage accounts and keys, not property.
/// </summary>
internal sealed class DesignAuthorizationBehavior<TRequest, TResponse>(IVfipDbContext db, ICurrentCaller current)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IDesignRequest designRequest)
        {
            return await next();
        }

        var caller = current.Caller;
        var owner = await db.Designs.AsNoTracking()
            .Where(d => d.Id == designRequest.DesignId)
            .Where(DesignVisibility.VisibleTo(caller.UserId))
            .Select(d => d.OwnerUserId)
            .FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            throw new DomainException(ErrorCodes.Designs.NotFound, $"There is no design '{designRequest.DesignId}'.");
        }

        if (designRequest.Access == DesignAccess.Change && owner != caller.UserId)
        {
            throw new DomainException(ErrorCodes.Designs.NotOwner, "Only the design's owner may do this.");
        }

        return await next();
    }
}
