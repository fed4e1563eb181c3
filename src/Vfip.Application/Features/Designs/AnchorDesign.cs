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

            var registration = await registry.RegisterAsync(
                new DesignRegistration(
                    design.OwnerAddress,
                    Convert.FromHexString(design.ContentHash[2..]),
                    design.Images.Select(i => Convert.FromHexString(i.Pdq)).ToList(),
                    Convert.FromHexString(design.MetadataHash[2..]),
                    MetadataUri(design)),
                cancellationToken);

            // The chain is the source of truth: if the token belongs to someone else (the content was
            // registered on chain directly, outside VFIP), this design cannot be theirs.
            if (!string.Equals(registration.Owner, design.OwnerAddress, StringComparison.OrdinalIgnoreCase))
            {
                design.Reject($"The content is registered on chain to {registration.Owner} (token {registration.TokenId}).");
                await db.SaveChangesAsync(cancellationToken);
                logger.LogWarning("Design {DesignId} rejected: its content is owned on chain by {Owner}", design.Id, registration.Owner);
                return Outcome.Rejected;
            }

            design.MarkAnchored(
                new ChainRecord(registration.ChainId, registration.Contract, registration.TokenId, registration.TxHash, registration.BlockNumber, registration.LogIndex),
                clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Design {DesignId} anchored as token {TokenId} in {TxHash}", design.Id, registration.TokenId, registration.TxHash);
            return Outcome.Anchored;
        }

        private string MetadataUri(Design design) => links.DesignMetadata(design.Id);
    }
}
