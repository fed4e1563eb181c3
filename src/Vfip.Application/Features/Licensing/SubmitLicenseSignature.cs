using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Common;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// A self-custody licensor hands over their wallet's EIP-712 signature of the grant (licence <c>pending</c>) or of the
/// revocation (licence <c>revoking</c>) shown in the licence's <c>signatureRequest</c>. It is checked against the
/// licensor's address now (a wrong one is refused here, not after a failed transaction), stored as evidence, and the
/// outbox relays <c>grantWithSig</c> or <c>revokeWithSig</c> (ADR 0017).
/// </summary>
public static class SubmitLicenseSignature
{
    /// <param name="Signature">65 bytes, 0x hex (r ‖ s ‖ v), as wallets return from eth_signTypedData_v4.</param>
    public sealed record Command(string LicenseId, string? Signature) : IRequest<LicenseResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Signature).Must(WalletFormats.IsSignature).WithMessage("The signature is 65 bytes as 0x-prefixed hex (132 characters).");
        }
    }

    internal sealed class Handler(
        IVfipDbContext db, ILicenseRegistry registry, ICurrentCaller current, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, LicenseResponse>
    {
        public async Task<LicenseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            var license = await db.Licenses.FirstOrDefaultAsync(l => l.Id == command.LicenseId, cancellationToken)
                ?? throw LicenseErrors.LicenseNotFound(command.LicenseId);
            var awaited = await LicenseWalletSignatures.RequireAwaitedFromAsync(license, userId, db, cancellationToken);

            var now = clock.GetUtcNow().UtcDateTime;
            license.RequireSignable(now);
            var signature = command.Signature!.ToLowerInvariant();
            var signer = await registry.RecoverSignerAsync(awaited.Signable, signature, cancellationToken);
            if (signer is null || !string.Equals(signer, awaited.Signer, StringComparison.OrdinalIgnoreCase))
            {
                throw new DomainException(
                    ErrorCodes.Wallets.InvalidSignature, $"This is not {awaited.Signer}'s signature of the licence's signature request.");
            }

            var granting = license.Status == LicenseStatus.Pending;
            license.Sign(signature, now);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Licence {LicenseId}: {Action} signed by {Signer}; relaying queued", license.Id, granting ? "grant" : "revocation", signer);
            return LicenseResponse.From(license, now);
        }
    }
}
