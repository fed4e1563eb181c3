using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// Anchors a revocation: the revoker's custodial key signs it (or their self-custody wallet signed it, ADR 0017), the
/// registrar relays <c>revokeWithSig</c> with the
/// SHA-256 of the reason (zero without one). Sent by the outbox sender only; safe to repeat (a licence can be revoked
/// once, and a second send finds the first revocation).
/// </summary>
public static class AnchorLicenseRevocation
{
    public sealed record Command(string LicenseId) : IRequest;

    internal sealed class Handler(IVfipDbContext db, IAccounts accounts, ILicenseRegistry registry, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var license = await db.Licenses.FirstOrDefaultAsync(l => l.Id == command.LicenseId, cancellationToken)
                ?? throw new InvalidOperationException($"Outbox names licence {command.LicenseId}, which does not exist.");
            if (license.Status != LicenseStatus.Revoking)
            {
                return Unit.Value;
            }

            var reasonHash = LicenseWalletSignatures.ReasonHashOf(license);
            if (license.RevocationSigner is not null && license.RevocationSignature is null)
            {
                return Unit.Value;
            }

            if (license.RevocationSignature is not null && clock.GetUtcNow().UtcDateTime > license.RevocationSignatureDeadline)
            {
                license.LapseSignature();
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("The wallet signature revoking licence {LicenseId} lapsed before it was relayed; the licensor must sign again", license.Id);
                return Unit.Value;
            }

            var revoked = license.RevocationSignature is { } signature
                ? await registry.RelayRevocationAsync(
                    license.Id, reasonHash, license.RevocationSignatureDeadline!.Value, license.RevocationSigner!, signature, cancellationToken)
                : await registry.RevokeAsync(license.Id, reasonHash, await accounts.GetCustodialAddressAsync(license.RevokedByUserId!, cancellationToken), cancellationToken);
            var tokenId = license.Grant?.TokenId ?? throw new InvalidOperationException($"Licence {license.Id} is revoking but has no grant.");
            license.MarkRevoked(new ChainRecord(revoked.ChainId, revoked.Contract, tokenId, revoked.TxHash, revoked.BlockNumber, revoked.LogIndex));
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Revocation of licence {LicenseId} anchored in {TxHash}", license.Id, revoked.TxHash);
            return Unit.Value;
        }
    }
}
