using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Options;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Licensing.Responses;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// A signed-in licensee accepts an offer: as an account action (the licence names their design-owning address), or
/// with an EIP-712 <c>LicenseAcceptance</c> signed by a wallet linked to their account (the licence names that
/// wallet, and the signature is kept as evidence). The licence is stored <c>pending</c>. A custodial licensor's grant
/// is queued for the outbox at once; a self-custody licensor's waits for their wallet's signature (ADR 0017).
/// </summary>
public static class AcceptLicenseOffer
{
    /// <param name="Signature">Optional: 65 bytes, 0x hex, the wallet's signature of <see cref="GetOfferAcceptance"/>'s typed data.</param>
    /// <param name="Address">With a signature: the linked wallet that signed it.</param>
    /// <param name="Deadline">With a signature: the typed data's <c>deadline</c> (Unix seconds).</param>
    public sealed record Command(string OfferId, string? Signature = null, string? Address = null, long? Deadline = null) : IRequest<LicenseResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            When(c => c.Signature is not null, () =>
            {
                RuleFor(c => c.Signature).Must(WalletFormats.IsSignature).WithMessage("The signature is 65 bytes as 0x-prefixed hex (132 characters).");
                RuleFor(c => c.Address).Must(WalletFormats.IsAddress).WithMessage("Name the wallet that signed: 'address', 0x and 40 hex digits.");
                RuleFor(c => c.Deadline).NotNull().GreaterThan(0).WithMessage("Give the signed typed data's 'deadline' (Unix seconds).");
            });
            RuleFor(c => c.Address).Null().When(c => c.Signature is null).WithMessage("An 'address' comes with a 'signature'.");
        }
    }

    internal sealed class Handler(
        IVfipDbContext db,
        IAccounts accounts,
        IUserWallets wallets,
        ILicenseRegistry registry,
        ICurrentCaller current,
        IOptions<AuthOptions> auth,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command, LicenseResponse>
    {
        public async Task<LicenseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            var (offer, design) = await AcceptableOffers.FindAsync(db, command.OfferId, userId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var licensorWallet = await SigningWallets.ForAsync(accounts, design.OwnerUserId, design.OwnerAddress, cancellationToken);
            var licenseeAddress = command.Signature is null
                ? (await wallets.GetDesignOwnerAsync(userId, cancellationToken) ?? throw Accounts.GetMe.SignedInUserGone()).Address
                : await SignedAcceptanceAsync(command, offer, design.Chain!.TokenId, userId, now, cancellationToken);

            var terms = offer.Terms;
            await using var exclusive = await db.LockDesignAsync(design.Id, cancellationToken); // ADR 0015: check + insert as one
            await Exclusivity.RequireNoConflictAsync(db, design.Id, terms, now, cancellationToken);

            var license = NewLicenses.Create(registry, design, offer.Id, parent: null, design.OwnerUserId, userId, licenseeAddress, terms, now);
            if (command.Signature is { } signature)
            {
                license.RecordAcceptance(signature.ToLowerInvariant(), DateTimeOffset.FromUnixTimeSeconds(command.Deadline!.Value).UtcDateTime);
            }

            db.Licenses.Add(license);
            license.RequestGrant(licensorWallet, now + auth.Value.SignatureWindow);
            await db.SaveChangesAsync(cancellationToken);
            await exclusive.CommitAsync(cancellationToken);
            logger.LogInformation(
                "Offer {OfferId} on design {DesignId} accepted as licence {LicenseId} (licensee {Licensee}, signed: {Signed}); grant {Next}",
                offer.Id, design.Id, license.Id, licenseeAddress, command.Signature is not null, licensorWallet is null ? "queued" : "awaits the owner's wallet");
            return LicenseResponse.From(license, now);
        }

        // The wallet that signed the acceptance, once it is shown to be the caller's and to sign exactly this offer.
        private async Task<string> SignedAcceptanceAsync(
            Command command, Domain.Licensing.LicenseOffer offer, string tokenId, string userId, DateTime now, CancellationToken cancellationToken)
        {
            var deadline = DateTimeOffset.FromUnixTimeSeconds(command.Deadline!.Value).UtcDateTime;
            if (now > deadline)
            {
                throw new DomainException(
                    ErrorCodes.Wallets.SignatureExpired, "The acceptance's deadline has passed; fetch fresh typed data and sign again.");
            }

            var signature = command.Signature!.ToLowerInvariant();
            var signable = GetOfferAcceptance.Signable(offer, tokenId, command.Address!, deadline);
            var signer = await registry.RecoverSignerAsync(signable, signature, cancellationToken);
            if (signer is null || !string.Equals(signer, command.Address, StringComparison.OrdinalIgnoreCase))
            {
                throw new DomainException(
                    ErrorCodes.Wallets.InvalidSignature, $"This is not {command.Address}'s signature of the acceptance of offer {offer.Id} with that deadline.");
            }

            if (await wallets.FindUserByAddressAsync(signer, cancellationToken) != userId)
            {
                throw new DomainException(
                    ErrorCodes.Wallets.NotLinked, $"{signer} is not a wallet linked to your account; link it with Sign-In with Ethereum first.");
            }

            if (await db.Licenses.AnyAsync(l => l.OfferId == offer.Id && l.AcceptanceSignature == signature, cancellationToken))
            {
                throw new DomainException(
                    ErrorCodes.Licensing.AcceptanceAlreadyUsed, "This signed acceptance was used already; sign a fresh one to accept the offer again.");
            }

            return signer;
        }
    }
}
