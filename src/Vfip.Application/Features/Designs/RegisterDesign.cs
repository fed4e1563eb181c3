using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Options;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Designs.Rules;
using Vfip.Application.Features.Identification;
using Vfip.Application.Features.Identification.Responses;
using Vfip.Application.Features.Identification.Rules;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;

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
        IDesignRegistry registry,
        IOptions<AuthOptions> auth,
        RegistrationGate gate,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = await wallets.GetDesignOwnerAsync(command.UserId, cancellationToken)
                ?? throw Accounts.GetMe.SignedInUserGone();

            if (command.Royalty is { } royalty)
            {
                if (owner.SelfCustody)
                {
                    // registerWithSig's signed struct has no royalty (ADR 0012): a wallet owner sets it with setRoyalty.
                    throw new DomainException(
                        ErrorCodes.Designs.RoyaltyRequiresCustodial, "A design owned by your wallet cannot carry a royalty at registration; call setRoyalty from the wallet once it is anchored.");
                }

                royalty.Checked();
            }

            var parents = await CheckParentsAsync(command, owner.Address, cancellationToken);
            var facts = command.Images.Select(image => fingerprinter.Fingerprint(image.Content, cancellationToken)).ToList();
            var images = facts.Select((f, index) => new DesignImage(
                index, Convert.ToHexStringLower(f.Sha256), f.Pdq, f.Quality, f.Width, f.Height, f.MediaType,
                command.Images[index].Content.Length, f.Signals)).ToList();
            // Before the look-up of prior registrations: the same image twice must not find a design of that one image.
            Design.RequireDistinctImages(images);

            var contentHash = "0x" + Convert.ToHexStringLower(ContentHash.Compute(facts.Select(f => f.Sha256)));
            await index.WhenLoadedAsync(cancellationToken);
            using var _ = await gate.EnterAsync(cancellationToken);
            if (await FindPriorRegistrationAsync(command.UserId, contentHash, images, cancellationToken) is { } existing)
            {
                return existing;
            }

            var similarOwn = await CheckPriorArtAsync(command.UserId, facts, parents.Parents.Select(p => p.DesignId).ToHashSet(StringComparer.Ordinal), cancellationToken);

            // Blobs first: a crash after this leaves harmless unreferenced blobs, never a design without its images.
            foreach (var image in command.Images)
            {
                await blobs.PutAsync(image.Content, cancellationToken);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var (design, metadata) = Design.Register(
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
            await blobs.PutAsync(metadata, cancellationToken);

            db.Designs.Add(design);
            var inherited = Licensing.Rules.InheritedOffers.Publish(db, design, parents.Reciprocal, now);

            // A pending design's anchoring is queued with this save (DesignReadyToAnchor); a wallet-owned one waits for its
            // owner's signature, a held derivative for its parents' owners.
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
                foreach (var offer in inherited)
                {
                    db.LicenseOffers.Entry(offer).State = EntityState.Detached;
                }

                var winner = await FindPriorRegistrationAsync(command.UserId, contentHash, images, cancellationToken);
                if (winner is null)
                {
                    throw;
                }

                return winner;
            }

            index.Add(design.Id, IndexedImage.Of(images));
            if (design.Status == DesignStatus.Pending)
            {
                logger.LogInformation("Design {DesignId} registered with content {ContentHash}; anchoring queued", design.Id, contentHash);
            }
            else
            {
                logger.LogInformation(
                    "Design {DesignId} registered with content {ContentHash}; {Status}", design.Id, contentHash, design.Status);
            }

            return new Result(
                DesignResponse.From(design) with
                {
                    SimilarOwnDesigns = similarOwn,
                    SignatureRequest = await DesignRegistrations.SignatureRequestAsync(design, registry, links, cancellationToken),
                    InheritedTerms = Licensing.Rules.InheritedOffers.Describe(inherited, design),
                },
                Created: true);
        }

        // A derivative names each parent and the licence it is made under: the licence must be the registrant's, for that
        // parent, active now, and allow derivatives (DerivativeLicences). Checking here refuses before anything is stored.
        // Licences whose terms require approval hold the design for their parent's owner; reciprocal ones are inherited.
        private async Task<CheckedParents> CheckParentsAsync(Command command, string ownerAddress, CancellationToken cancellationToken)
        {
            var parents = command.Parents ?? [];
            if (parents.Count > MaxParents || parents.Any(p => string.IsNullOrWhiteSpace(p.DesignId) || string.IsNullOrWhiteSpace(p.LicenseId))
                || parents.Select(p => p.DesignId).Distinct(StringComparer.Ordinal).Count() != parents.Count)
            {
                throw new DomainException(
                    ErrorCodes.Derivatives.InvalidParents, $"'parents' is at most {MaxParents} distinct {{designId, licenseId}} entries.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var approvals = new List<DerivativeParent>();
            var reciprocal = new List<Domain.Licensing.License>();
            foreach (var parent in parents)
            {
                var license = await db.Licenses.AsNoTracking().FirstOrDefaultAsync(l => l.Id == parent.LicenseId, cancellationToken);
                if (DerivativeLicences.WhyNot(license, parent, command.UserId, ownerAddress, now) is { } why)
                {
                    throw new DomainException(ErrorCodes.Derivatives.NotLicensed, $"Design {parent.DesignId} cannot be a parent: {why}.")
                        .With("designId", parent.DesignId);
                }

                var derivativeTerms = (license!.Terms ?? throw Licensing.Rules.LicenseErrors.TermsUnknown(license.Id)).Derivatives;
                if (derivativeTerms.ApprovalRequired)
                {
                    approvals.Add(parent);
                }

                if (derivativeTerms.Reciprocal)
                {
                    reciprocal.Add(license);
                }
            }

            return new CheckedParents(parents, approvals, reciprocal);
        }

        private sealed record CheckedParents(
            IReadOnlyList<DerivativeParent> Parents, IReadOnlyList<DerivativeParent> ApprovalsRequired, IReadOnlyList<Domain.Licensing.License> Reciprocal);

        // A design that looks like another owner's registered design is refused (prior art), unless it is one of the
        // parents this derivative is licensed under; looking like one's own is allowed and reported. Images too flat to
        // match on are never compared.
        private async Task<IReadOnlyList<IdentifyMatch>> CheckPriorArtAsync(
            string userId, IReadOnlyList<ImageFacts> facts, IReadOnlySet<string> parents, CancellationToken cancellationToken)
        {
            var hits = facts.Where(f => !f.LowQuality).SelectMany(f => index.Match(f.Probe)).ToList();
            var similar = await DesignMatches.DescribeAsync(db, hits, publicOnly: false, cancellationToken);
            var others = similar.Where(m => m.Owner.UserId != userId && !parents.Contains(m.DesignId)).ToList();
            if (others.Count > 0)
            {
                throw new DomainException(
                        ErrorCodes.Designs.SimilarRegistered, "This design matches another owner's registered design. Register it as a licensed derivative instead.")
                    .With("matches", others);
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

        private static DomainException AlreadyRegistered(string existingDesignId, string detail) =>
            new DomainException(ErrorCodes.Designs.AlreadyRegistered, detail).With("existingDesignId", existingDesignId);
    }
}
