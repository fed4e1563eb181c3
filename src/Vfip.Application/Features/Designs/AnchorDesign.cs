using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// Anchors a pending design on chain and records where. Sent by the outbox sender, never by an
/// endpoint. Safe to run any number of times: an anchored design is left alone, and the registry
/// answers a repeated registration with the existing token rather than minting a second one.
/// </summary>
public static class AnchorDesign
{
    public sealed record Command(string DesignId) : IRequest<Outcome>;

    public enum Outcome
    {
        Anchored,
        Rejected,
        AlreadyDone,
    }

    internal sealed class Handler(
        IVfipDbContext db,
        IDesignRegistry registry,
        IPublicLinks links,
        IImageIndex index,
        PriorArtReview review,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command, Outcome>
    {
        public async Task<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var design = await db.Designs.FirstOrDefaultAsync(d => d.Id == command.DesignId, cancellationToken)
                ?? throw new InvalidOperationException($"Outbox names design {command.DesignId}, which does not exist.");
            if (design.Status != DesignStatus.Pending)
            {
                return Outcome.AlreadyDone;
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
                return Outcome.Rejected;
            }

            // The chain is the source of truth: if the token belongs to someone else (the content was
            // registered on chain directly, outside VFIP), this design cannot be theirs.
            if (!string.Equals(registration.Owner, design.OwnerAddress, StringComparison.OrdinalIgnoreCase))
            {
                design.Reject($"The content is registered on chain to {registration.Owner} (token {registration.TokenId}).");
                await db.SaveChangesAsync(cancellationToken);
                index.Remove(design.Id);
                logger.LogWarning("Design {DesignId} rejected: its content is owned on chain by {Owner}", design.Id, registration.Owner);
                return Outcome.Rejected;
            }

            design.MarkAnchored(
                new ChainRecord(registration.ChainId, registration.Contract, registration.TokenId, registration.TxHash, registration.BlockNumber, registration.LogIndex),
                clock.GetUtcNow().UtcDateTime);
            if (design.ParentsJson is not null)
            {
                // The lineage links need the child's token: queued in the same transaction that records it.
                db.OutboxMessages.Add(Common.Outbox.OutboxMessage.Create(Common.Outbox.OutboxMessageTypes.LinkDerivative, design.Id, clock.GetUtcNow().UtcDateTime));
            }

            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Design {DesignId} anchored as token {TokenId} in {TxHash}", design.Id, registration.TokenId, registration.TxHash);
            try
            {
                await review.CheckAsync(design, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The anchoring stands whatever happens here; a retry of this message would not review again.
                logger.LogError(exception, "Design {DesignId} anchored, but the prior-art review after it failed", design.Id);
            }
            return Outcome.Anchored;
        }
    }
}
