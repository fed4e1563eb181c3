using MediatR;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Admin.Responses;
using Vfip.Domain.Accounts;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Admin;

/// <summary>Admins revoke a platform key; it stops working on the next request. Revoking twice changes nothing.</summary>
public static class RevokePlatformKey
{
    public sealed record Command(string KeyId) : IRequest<PlatformKeyResponse>;

    internal sealed class Handler(IVfipDbContext db, AuditLog audit, TimeProvider clock) : IRequestHandler<Command, PlatformKeyResponse>
    {
        public async Task<PlatformKeyResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var key = await db.PlatformKeys.FirstOrDefaultAsync(k => k.Id == command.KeyId, cancellationToken)
                ?? throw new DomainException(ErrorCodes.Accounts.PlatformKeyNotFound, $"There is no platform key '{command.KeyId}'.");
            if (key.RevokedAt is null)
            {
                key.Revoke(clock.GetUtcNow().UtcDateTime);
                audit.Record(AuditEventTypes.PlatformKeyRevoked, key.Id, key.Organisation);
                await db.SaveChangesAsync(cancellationToken);
            }

            return PlatformKeyResponse.From(key);
        }
    }
}
