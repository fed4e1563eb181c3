using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Options;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// The licensor revokes a licence from now on, with an optional reason: the design's current owner (licences bind the
/// design, so a buyer may revoke what the seller granted), and for a sublicence also the parent's holder. The
/// revocation is anchored by the outbox; verification refuses the licence from the moment it is accepted here. A
/// self-custody licensor's revocation is recorded at once (the licence stops verifying) and relayed once their
/// wallet signs it; a grant they never signed is withdrawn instead (<c>rejected</c>; ADR 0017).
/// </summary>
public static class RevokeLicense
{
    public sealed record Command(string LicenseId, string? Reason) : IRequest<LicenseResponse>;

    internal sealed class Handler(
        IVfipDbContext db,
        IAccounts accounts,
        ILicenseRegistry registry,
        ICurrentCaller current,
        IOptions<AuthOptions> auth,
        TimeProvider clock,
        ILogger<Handler> logger)
        : IRequestHandler<Command, LicenseResponse>
    {
        public async Task<LicenseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            var license = await db.Licenses.FirstOrDefaultAsync(l => l.Id == command.LicenseId, cancellationToken)
                ?? throw LicenseErrors.LicenseNotFound(command.LicenseId);
            var design = await db.Designs.AsNoTracking().FirstAsync(d => d.Id == license.DesignId, cancellationToken);
            var parent = license.ParentLicenseId is { } parentId
                ? await db.Licenses.AsNoTracking().FirstOrDefaultAsync(l => l.Id == parentId, cancellationToken)
                : null;

            // The signer must be one the contract accepts: the owner's address, or the parent holder's.
            var signingAddress = design.OwnerUserId == userId ? design.OwnerAddress
                : parent?.LicenseeUserId == userId ? parent.LicenseeAddress
                : throw new DomainException(
                    ErrorCodes.Licensing.NotLicensor, "Only the design's owner (or, for a sublicence, the parent's holder) may revoke it.");
            var wallet = await SigningWallets.ForAsync(accounts, userId, signingAddress, cancellationToken);

            var now = clock.GetUtcNow().UtcDateTime;
            if (license.AwaitsGrantSignature && license.LicensorUserId == userId)
            {
                // Never signed, so nothing is on chain: the grant is withdrawn rather than revoked.
                license.Withdraw(command.Reason);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Unsigned licence {LicenseId} withdrawn by {UserId}", license.Id, userId);
                return LicenseResponse.From(license, now);
            }

            license.Revoke(command.Reason, userId, now, wallet, now + auth.Value.SignatureWindow);

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Licence {LicenseId} revoked by {UserId}; {Next}", license.Id, userId, wallet is null ? "anchoring queued" : "awaits the licensor's wallet");
            return LicenseResponse.From(license, now) with
            {
                SignatureRequest = await LicenseWalletSignatures.RequestForAsync(license, userId, db, registry, cancellationToken),
            };
        }
    }
}
