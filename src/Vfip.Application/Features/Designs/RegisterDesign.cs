using System.Security.Cryptography;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Errors;
using Vfip.Application.Common.Options;
using Vfip.Application.Common.Outbox;
using Vfip.Application.Features.Identification;
using Vfip.Domain.Designs;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// A designer registers a garment: its images are checked and fingerprinted, the design and an outbox
/// entry are stored in one transaction, and the chain is left to the outbox sender (never a database
/// transaction across a chain call).
/// </summary>
public static class RegisterDesign
{
    /// <param name="Category">snake_case name from the taxonomy; null means <c>other</c>.</param>
    public sealed record Command(
        string UserId,
        string? Title,
        string? Description,
        string? Category,
        IReadOnlyList<string>? Tags,
        IReadOnlyList<UploadedImage> Images) : IRequest<Result>;

    /// <summary>One uploaded file, already read within the byte limit.</summary>
    public sealed record UploadedImage(string? FileName, ReadOnlyMemory<byte> Content);

    /// <param name="Created">False when the caller already owned this exact content: nothing new was stored.</param>
    public sealed record Result(DesignResponse Design, bool Created);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<UploadLimits> limits)
        {
            RuleFor(c => c.Title).NotEmpty().MaximumLength(Design.MaxTitleLength);
            RuleFor(c => c.Description).MaximumLength(Design.MaxDescriptionLength);
            RuleFor(c => c.Category)
                .Must(c => c is null || DesignCategories.TryParse(c, out _))
                .WithMessage($"Category must be one of: {string.Join(", ", DesignCategories.Names)}.");
            RuleFor(c => c.Tags)
                .Must(t => t is null || t.Count <= Design.MaxTags).WithMessage($"At most {Design.MaxTags} tags.");
            RuleForEach(c => c.Tags).NotEmpty().MaximumLength(Design.MaxTagLength);
            RuleFor(c => c.Images)
                .NotEmpty().WithMessage("Send at least one file in the 'images' field.")
                .Must(i => i.Count <= limits.Value.MaxImagesPerDesign)
                .WithMessage($"At most {limits.Value.MaxImagesPerDesign} images per design.");
        }
    }

    internal sealed class Handler(
        IVfipDbContext db,
        IFingerprinter fingerprinter,
        IImageIndex index,
        IBlobStore blobs,
        IUserWallets wallets,
        IPublicLinks links,
        IOutboxSignal outbox,
        IDesignRegistry registry,
        IOptions<AuthOptions> auth,
        RegistrationGate gate,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = await wallets.GetDesignOwnerAsync(command.UserId, cancellationToken)
                ?? throw new NotFoundException("user_not_found", "The signed-in user no longer exists.");

            var facts = command.Images.Select(image => fingerprinter.Fingerprint(image.Content, cancellationToken)).ToList();
            var images = facts.Select((f, index) => new DesignImage(
                index, Convert.ToHexStringLower(f.Sha256), f.Pdq, f.Quality, f.Width, f.Height, f.MediaType,
                command.Images[index].Content.Length, f.Signals)).ToList();
            if (images.Select(i => i.Sha256).Distinct(StringComparer.Ordinal).Count() != images.Count)
            {
                throw new BadRequestException("duplicate_image", "The same image was sent more than once in one design.");
            }

            var contentHash = "0x" + Convert.ToHexStringLower(ContentHash.Compute(facts.Select(f => f.Sha256)));
            await index.WhenLoadedAsync(cancellationToken);
            using var _ = await gate.EnterAsync(cancellationToken);
            if (await FindPriorRegistrationAsync(command.UserId, contentHash, images, cancellationToken) is { } existing)
            {
                return existing;
            }

            var similarOwn = await CheckPriorArtAsync(command.UserId, facts, cancellationToken);

            // Blobs first: a crash after this leaves harmless unreferenced blobs, never a design without its images.
            foreach (var image in command.Images)
            {
                await blobs.PutAsync(image.Content, cancellationToken);
            }

            byte[] metadata = [];
            var now = clock.GetUtcNow().UtcDateTime;
            var design = Design.Register(
                Guid.CreateVersion7().ToString("N"),
                command.UserId,
                owner.Address,
                command.Title!,
                command.Description,
                command.Category is null ? DesignCategory.Other : DesignCategories.Parse(command.Category),
                command.Tags ?? [],
                images,
                d =>
                {
                    metadata = DesignMetadataDocument.Render(d, links);
                    return "0x" + Convert.ToHexStringLower(SHA256.HashData(metadata));
                },
                now,
                signatureDeadline: owner.SelfCustody ? now + auth.Value.SignatureWindow : null);
            await blobs.PutAsync(metadata, cancellationToken);

            db.Designs.Add(design);

            // A wallet-owned design waits for its owner's signature (SubmitDesignSignature queues it then).
            var queued = design.Status == DesignStatus.Pending
                ? OutboxMessage.Create(OutboxMessageTypes.AnchorDesign, design.Id, design.CreatedAt)
                : null;
            if (queued is not null)
            {
                db.OutboxMessages.Add(queued);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (db.IsUniqueViolation(exception))
            {
                // NOTE: another replica committed the same content after our check; the unique index on the
                // content hash let one win. Answer this one as if it had arrived second.
                logger.LogInformation("Registration of {ContentHash} lost a race; answering from the winner", contentHash);
                db.Designs.Entry(design).State = EntityState.Detached;
                if (queued is not null)
                {
                    db.OutboxMessages.Entry(queued).State = EntityState.Detached;
                }

                var winner = await FindPriorRegistrationAsync(command.UserId, contentHash, images, cancellationToken);
                if (winner is null)
                {
                    throw;
                }

                return winner;
            }

            index.Add(design.Id, images.Select(i => new IndexedImage(i.Index, i.Signals)).ToList());
            if (queued is not null)
            {
                outbox.Notify();
                logger.LogInformation("Design {DesignId} registered with content {ContentHash}; anchoring queued", design.Id, contentHash);
            }
            else
            {
                logger.LogInformation("Design {DesignId} registered with content {ContentHash}; awaiting its owner's signature", design.Id, contentHash);
            }

            return new Result(
                DesignResponse.From(design) with
                {
                    SimilarOwnDesigns = similarOwn,
                    SignatureRequest = await DesignRegistrations.SignatureRequestAsync(design, registry, links, cancellationToken),
                },
                Created: true);
        }

        // A design that looks like another owner's registered design is refused (prior art); looking like
        // one's own is allowed and reported. Images too flat to match on are never compared.
        private async Task<IReadOnlyList<IdentifyMatch>> CheckPriorArtAsync(
            string userId, IReadOnlyList<ImageFacts> facts, CancellationToken cancellationToken)
        {
            var hits = facts.Where(f => !f.LowQuality).SelectMany(f => index.Match(f.Probe)).ToList();
            var similar = await DesignMatches.DescribeAsync(db, hits, publicOnly: false, cancellationToken);
            var others = similar.Where(m => m.Owner.UserId != userId).ToList();
            if (others.Count > 0)
            {
                var conflict = new ConflictException(
                    "similar_design_registered",
                    "This design matches another owner's registered design. Register it as a licensed derivative instead.");
                conflict.Extensions["matches"] = others;
                throw conflict;
            }

            return similar;
        }

        // Same content by the same owner: the existing design (idempotent). Same content, or any of the same
        // images, by another owner: a conflict naming the existing design.
        private async Task<Result?> FindPriorRegistrationAsync(
            string userId, string contentHash, IReadOnlyList<DesignImage> images, CancellationToken cancellationToken)
        {
            var sameContent = await db.Designs.AsNoTracking().FirstOrDefaultAsync(d => d.ContentHash == contentHash, cancellationToken);
            if (sameContent is not null)
            {
                return sameContent.OwnerUserId == userId
                    ? new Result(
                        DesignResponse.From(sameContent) with
                        {
                            SignatureRequest = await DesignRegistrations.SignatureRequestAsync(sameContent, registry, links, cancellationToken),
                        },
                        Created: false)
                    : throw AlreadyRegistered(sameContent.Id, "This content is already registered by another owner.");
            }

            var digests = images.Select(i => i.Sha256).ToList();
            var sharingAnImage = await db.Designs.AsNoTracking()
                .Where(d => d.OwnerUserId != userId && d.Images.Any(i => digests.Contains(i.Sha256)))
                .OrderBy(d => d.CreatedAt)
                .Select(d => d.Id)
                .FirstOrDefaultAsync(cancellationToken);
            return sharingAnImage is null
                ? null
                : throw AlreadyRegistered(sharingAnImage, "One of these images is already part of another owner's design.");
        }

        private static ConflictException AlreadyRegistered(string existingDesignId, string detail)
        {
            var conflict = new ConflictException("design_already_registered", detail);
            conflict.Extensions["existingDesignId"] = existingDesignId;
            return conflict;
        }
    }
}
