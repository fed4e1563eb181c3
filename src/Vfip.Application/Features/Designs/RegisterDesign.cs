using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Behaviors;
using Vfip.Application.Common.Options;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Designs.Rules;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Designs;

/// <summary>
/// A designer registers a garment: its images are checked and fingerprinted, the design and its outbox entry (the
/// <see cref="DesignReadyToAnchor"/> it raises) are stored in one transaction, and the chain is left to the outbox
/// sender (never a database transaction across a chain call).
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
        IReadOnlyList<UploadedImage> Images,
        Royalty? Royalty = null,
        IReadOnlyList<DerivativeParent>? Parents = null) : IRequest<Result>;

    /// <summary>At most this many parents per derivative (one lineage transaction each).</summary>
    public const int MaxParents = 8;

    /// <summary>One uploaded file, already read within the byte limit.</summary>
    public sealed record UploadedImage(string? FileName, ReadOnlyMemory<byte> Content);

    /// <param name="Created">False when the caller already owned this exact content: nothing new was stored.</param>
    public sealed record Result(DesignResponse Design, bool Created);

    internal sealed class Validator : AbstractValidator<Command>
    {
        private static readonly string ParentsShape = $"'parents' is at most {MaxParents} distinct {{designId, licenseId}} entries.";

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

            // The shape of 'parents' has always been answered as invalid_parents, not validation_failed: the rules
            // carry that code (ValidationBehavior), and they fail as one, with one message.
            RuleFor(c => c.Parents!).Cascade(CascadeMode.Stop)
                .Must(p => p.Count <= MaxParents)
                .WithMessage(ParentsShape).WithErrorCode(ErrorCodes.Derivatives.InvalidParents)
                .Must(p => p.All(parent => !string.IsNullOrWhiteSpace(parent.DesignId) && !string.IsNullOrWhiteSpace(parent.LicenseId)))
                .WithMessage(ParentsShape).WithErrorCode(ErrorCodes.Derivatives.InvalidParents)
                .Must(p => p.Select(parent => parent.DesignId).Distinct(StringComparer.Ordinal).Count() == p.Count)
                .WithMessage(ParentsShape).WithErrorCode(ErrorCodes.Derivatives.InvalidParents)
                .When(c => c.Parents is not null);
        }
    }

    internal sealed class Handler(
        IUserWallets wallets,
        DerivativeParentsCheck parentsCheck,
        IFingerprinter fingerprinter,
        RegistrationGate gate,
        PriorRegistrationLookup priorRegistrations,
        PriorArtCheck priorArt,
        IBlobStore blobs,
        IPublicLinks links,
        IOptions<AuthOptions> auth,
        TimeProvider clock,
        IVfipDbContext db,
        IImageIndex index,
        IDesignRegistry registry,
        ILogger<Handler> logger) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = await wallets.GetDesignOwnerAsync(command.UserId, cancellationToken)
                ?? throw Accounts.GetMe.SignedInUserGone();
            RequireRoyaltyAllowed(command.Royalty, owner);
            var parents = await parentsCheck.CheckParentsAsync(command.UserId, owner.Address, command.Parents ?? [], cancellationToken);
            var (facts, images, contentHash) = Fingerprint(command, cancellationToken);

            await index.WhenLoadedAsync(cancellationToken);
            using var _ = await gate.EnterAsync(cancellationToken);
            if (await priorRegistrations.FindPriorRegistrationAsync(command.UserId, contentHash, images, cancellationToken) is { } existing)
            {
                return await AlreadyRegisteredAsync(existing, cancellationToken);
            }

            var similarOwn = await priorArt.CheckPriorArtAsync(command.UserId, facts, parents.DesignIds, cancellationToken);

            // Blobs first: a crash after this leaves harmless unreferenced blobs, never a design without its images.
            foreach (var image in command.Images)
            {
                await blobs.PutAsync(image.Content, cancellationToken);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var (design, metadata) = NewDesign(command, owner, images, parents, now);
            await blobs.PutAsync(metadata, cancellationToken);

            db.Designs.Add(design);
            var inherited = InheritedOffers.Publish(db, design, parents.Reciprocal, now);
            if (await SaveOrFindWinnerAsync(design, inherited, images, cancellationToken) is { } winner)
            {
                return await AlreadyRegisteredAsync(winner, cancellationToken);
            }

            index.Add(design.Id, IndexedImage.Of(images));
            LogRegistered(design);
            return new Result(
                DesignResponse.From(design) with
                {
                    SimilarOwnDesigns = similarOwn,
                    SignatureRequest = await DesignRegistrations.SignatureRequestAsync(design, registry, links, cancellationToken),
                    InheritedTerms = InheritedOffers.Describe(inherited, design),
                },
                Created: true);
        }

        // Refused before any image is fingerprinted. registerWithSig's signed struct has no royalty (ADR 0012): a
        // wallet owner sets it with setRoyalty.
        private static void RequireRoyaltyAllowed(Royalty? royalty, DesignOwnerWallet owner)
        {
            if (royalty is null)
            {
                return;
            }

            if (owner.SelfCustody)
            {
                throw new DomainException(
                    ErrorCodes.Designs.RoyaltyRequiresCustodial, "A design owned by your wallet cannot carry a royalty at registration; call setRoyalty from the wallet once it is anchored.");
            }

            royalty.Checked();
        }

        // The facts of each image, the design's images as stored, and the content hash the registration is known by.
        private (IReadOnlyList<ImageFacts> Facts, IReadOnlyList<DesignImage> Images, string ContentHash) Fingerprint(
            Command command, CancellationToken cancellationToken)
        {
            var facts = command.Images.Select(image => fingerprinter.Fingerprint(image.Content, cancellationToken)).ToList();
            var images = facts.Select((f, index) => new DesignImage(
                index, Convert.ToHexStringLower(f.Sha256), f.Pdq, f.Quality, f.Width, f.Height, f.MediaType,
                command.Images[index].Content.Length, f.Signals)).ToList();
            // Before the look-up of prior registrations: the same image twice must not find a design of that one image.
            Design.RequireDistinctImages(images);
            return (facts, images, "0x" + Convert.ToHexStringLower(ContentHash.Compute(facts.Select(f => f.Sha256))));
        }

        // A wallet owner signs the registration before it is relayed (until the deadline); the metadata document is
        // rendered from the design as built and stored with the images.
        private RegisteredDesign NewDesign(Command command, DesignOwnerWallet owner, IReadOnlyList<DesignImage> images, CheckedParents parents, DateTime now) =>
            Design.Register(
                Guid.CreateVersion7().ToString("N"),
                command.UserId,
                owner.Address,
                command.Title!,
                command.Description,
                command.Category is null ? DesignCategory.Other : DesignCategories.Parse(command.Category),
                command.Tags ?? [],
                images,
                registered => DesignMetadataDocument.Render(registered, links),
                now,
                signatureDeadline: owner.SelfCustody ? now + auth.Value.SignatureWindow : null,
                royalty: command.Royalty,
                parents: parents.Parents,
                approvalsRequired: parents.ApprovalsRequired);

        // A pending design's anchoring is queued with this save (DesignReadyToAnchor); a wallet-owned one waits for its
        // owner's signature, a held derivative for its parents' owners. Null when saved; the caller's own design that
        // won when another replica committed the same content first.
        private async Task<Design?> SaveOrFindWinnerAsync(
            Design design, IReadOnlyList<LicenseOffer> inherited, IReadOnlyList<DesignImage> images, CancellationToken cancellationToken)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateException exception) when (db.IsUniqueViolation(exception))
            {
                // NOTE: another replica committed the same content after our check; the unique index on the
                // content hash let one win. Answer this one as if it had arrived second.
                logger.LogInformation("Registration of {ContentHash} lost a race; answering from the winner", design.ContentHash);
                db.Designs.Entry(design).State = EntityState.Detached;
                foreach (var offer in inherited)
                {
                    db.LicenseOffers.Entry(offer).State = EntityState.Detached;
                }

                var winner = await priorRegistrations.FindPriorRegistrationAsync(design.OwnerUserId, design.ContentHash, images, cancellationToken);
                if (winner is null)
                {
                    throw;
                }

                return winner;
            }
        }

        private void LogRegistered(Design design)
        {
            if (design.Status == DesignStatus.Pending)
            {
                logger.LogInformation("Design {DesignId} registered with content {ContentHash}; anchoring queued", design.Id, design.ContentHash);
            }
            else
            {
                logger.LogInformation(
                    "Design {DesignId} registered with content {ContentHash}; {Status}", design.Id, design.ContentHash, design.Status);
            }
        }

        // The same content by the same owner: the existing design, as if registered now (idempotent).
        private async Task<Result> AlreadyRegisteredAsync(Design existing, CancellationToken cancellationToken) =>
            new(
                DesignResponse.From(existing) with
                {
                    SignatureRequest = await DesignRegistrations.SignatureRequestAsync(existing, registry, links, cancellationToken),
                },
                Created: false);
    }
}
