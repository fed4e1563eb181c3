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

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// A self-custody licensor whose signature request passed its deadline (or whose signature lapsed before it could be
/// relayed) asks for a fresh one: the same grant or revocation with a new deadline (ADR 0017).
/// </summary>
public static class RenewLicenseSignatureRequest
{
    public sealed record Command(string LicenseId) : IRequest<LicenseResponse>;

    internal sealed class Handler(
        IVfipDbContext db, ILicenseRegistry registry, ICurrentCaller current, IOptions<AuthOptions> auth, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, LicenseResponse>
    {
        public async Task<LicenseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            var license = await db.Licenses.FirstOrDefaultAsync(l => l.Id == command.LicenseId, cancellationToken)
                ?? throw LicenseErrors.LicenseNotFound(command.LicenseId);
            await LicenseWalletSignatures.RequireAwaitedFromAsync(license, userId, db, cancellationToken);

            var now = clock.GetUtcNow().UtcDateTime;
            license.RenewSignatureRequest(now + auth.Value.SignatureWindow);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Licence {LicenseId}: signature request renewed for {UserId}", license.Id, userId);
            return LicenseResponse.From(license, now) with
            {
                SignatureRequest = await LicenseWalletSignatures.RequestForAsync(license, userId, db, registry, cancellationToken),
            };
        }
    }
}
