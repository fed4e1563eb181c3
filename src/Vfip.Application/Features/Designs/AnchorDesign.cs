using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Diagnostics;
using Vfip.Application.Features.Designs.Rules;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// Anchors a pending design on chain and records where. Sent by the outbox sender, never by an
/// endpoint. Safe to run any number of times: an anchored design is left alone, and the registry
/// answers a repeated registration with the existing token rather than minting a second one.
/// </summary>
public static class AnchorDesign
{
    /// <param name="QueuedAt">When the registration was queued: the anchoring latency metric starts there.</param>
    public sealed record Command(string DesignId, DateTime QueuedAt) : IRequest;

    internal sealed class Handler(
        IVfipDbContext db,
        IDesignRegistry registry,
        IPublicLinks links,
        IImageIndex index,
        PriorArtReview review,
        VfipMetrics metrics,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var design = await db.Designs.FirstOrDefaultAsync(d => d.Id == command.DesignId, cancellationToken)
                ?? throw new InvalidOperationException($"Outbox names design {command.DesignId}, which does not exist.");
            if (design.Status != DesignStatus.Pending)
            {
                return Unit.Value;
            }

            var request = DesignRegistrations.Of(design, links);
            ChainRegistration registration;
            try
            {
                registration = design.SignedByOwner
                    ? await registry.RelaySignedAsync(request, design.SignatureDeadline!.Value, design.OwnerSignature!, cancellationToken)
                    : await registry.RegisterAsync(request, cancellationToken);
            }
            catch (RegistrationRefusedException refused)
            {
                // A signature the contract will never accept (expired, or not the owner's): retrying cannot help.
                design.Reject($"The chain refused the owner's signature: {refused.Message}");
                await db.SaveChangesAsync(cancellationToken);
                index.Remove(design.Id);
                logger.LogWarning("Design {DesignId} rejected: the chain refused its owner's signature ({Reason})", design.Id, refused.Message);
                metrics.Registration("rejected");
                return Unit.Value;
            }

            // The chain is the source of truth: if the token belongs to someone else (the content was
            // registered on chain directly, outside VFIP), this design cannot be theirs.
            if (!string.Equals(registration.Owner, design.OwnerAddress, StringComparison.OrdinalIgnoreCase))
            {
                design.Reject($"The content is registered on chain to {registration.Owner} (token {registration.TokenId}).");
                await db.SaveChangesAsync(cancellationToken);
                index.Remove(design.Id);
                logger.LogWarning("Design {DesignId} rejected: its content is owned on chain by {Owner}", design.Id, registration.Owner);
                metrics.Registration("rejected");
                return Unit.Value;
            }

            design.MarkAnchored(
                new ChainRecord(registration.ChainId, registration.Contract, registration.TokenId, registration.TxHash, registration.BlockNumber, registration.LogIndex),
                clock.GetUtcNow().UtcDateTime);
            // A derivative's lineage links are queued with this save (LineageReadyToAnchor): they need the token recorded here.
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Design {DesignId} anchored as token {TokenId} in {TxHash}", design.Id, registration.TokenId, registration.TxHash);
            metrics.Registration("anchored");
            metrics.Anchored(clock.GetUtcNow().UtcDateTime - command.QueuedAt);
            try
            {
                await review.CheckAsync(design, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The anchoring stands whatever happens here; a retry of this message would not review again.
                logger.LogError(exception, "Design {DesignId} anchored, but the prior-art review after it failed", design.Id);
            }

            return Unit.Value;
        }
    }
}
