using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Designs.Rules;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// The owner of a wallet-owned design hands over their EIP-712 signature of its registration: it is checked
/// against their address now (a wrong one is refused here, not after a failed transaction), the design moves
/// to pending, and the outbox relays it through <c>registerWithSig</c>.
/// </summary>
public static class SubmitDesignSignature
{
    /// <param name="Signature">65 bytes, 0x hex (r ‖ s ‖ v), as wallets return from eth_signTypedData_v4.</param>
    public sealed record Command(string DesignId, string? Signature) : IRequest<DesignResponse>, IDesignRequest
    {
        public DesignAccess Access => DesignAccess.Change;
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Signature)
                .NotEmpty()
                .Must(WalletFormats.IsSignature)
                .WithMessage("The signature is 65 bytes as 0x-prefixed hex (132 characters).");
        }
    }

    internal sealed class Handler(
        IVfipDbContext db,
        IDesignRegistry registry,
        IPublicLinks links,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command, DesignResponse>
    {
        public async Task<DesignResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var design = await db.Designs.FirstOrDefaultAsync(d => d.Id == command.DesignId, cancellationToken)
                ?? throw GetDesign.DesignNotFound(command.DesignId);
            // Late is refused as late before the signature is checked (the check needs the chain, and its answer would not matter).
            var now = clock.GetUtcNow().UtcDateTime;
            design.RequireSignable(now);
            var signature = command.Signature!.ToLowerInvariant();
            if (!await registry.IsSignedByOwnerAsync(DesignRegistrations.Of(design, links), design.SignatureDeadline!.Value, signature, cancellationToken))
            {
                throw new DomainException(
                    ErrorCodes.Wallets.InvalidSignature, $"This is not {design.OwnerAddress}'s signature of the registration's typed data.");
            }

            design.AcceptOwnerSignature(signature, now);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Design {DesignId} signed by its owner {Owner}; relaying queued", design.Id, design.OwnerAddress);
            return DesignResponse.From(design);
        }
    }
}
