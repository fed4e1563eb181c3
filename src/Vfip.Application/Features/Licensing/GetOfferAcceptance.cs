using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Options;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Designs;
using Vfip.Application.Features.Designs.Responses;
using Vfip.Application.Features.Licensing.Rules;
using Vfip.Domain.Common;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Features.Licensing;

/// <summary>
/// The EIP-712 <c>LicenseAcceptance</c> a licensee's linked wallet signs to accept an offer (ADR 0017): it binds the
/// offer, its terms hash, the design's token and the wallet, with a deadline. Nothing is stored; the signature goes
/// to <see cref="AcceptLicenseOffer"/> with the address and deadline.
/// </summary>
public static class GetOfferAcceptance
{
    /// <param name="Address">The linked wallet that will sign and be named by the grant.</param>
    public sealed record Query(string OfferId, string? Address) : IRequest<SignatureRequest>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Address).Must(WalletFormats.IsAddress).WithMessage("Name the wallet that will sign: 'address', 0x and 40 hex digits.");
        }
    }

    /// <summary>The struct a wallet signs to accept <paramref name="offer"/> on the design token <paramref name="tokenId"/>.</summary>
    internal static AcceptanceSignable Signable(LicenseOffer offer, string tokenId, string address, DateTime deadline) =>
        new(offer.Id, tokenId, Convert.FromHexString(offer.TermsHash[2..]), address, deadline);

    internal sealed class Handler(
        IVfipDbContext db, IUserWallets wallets, ILicenseRegistry registry, ICurrentCaller current, IOptions<AuthOptions> auth, TimeProvider clock)
        : IRequestHandler<Query, SignatureRequest>
    {
        public async Task<SignatureRequest> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            var (offer, design) = await AcceptableOffers.FindAsync(db, query.OfferId, userId, cancellationToken);
            if (await wallets.FindUserByAddressAsync(query.Address!, cancellationToken) != userId)
            {
                throw new DomainException(
                    ErrorCodes.Wallets.NotLinked, $"{query.Address} is not a wallet linked to your account; link it with Sign-In with Ethereum first.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var deadline = DateTimeOffset.FromUnixTimeSeconds(new DateTimeOffset(now + auth.Value.SignatureWindow).ToUnixTimeSeconds()).UtcDateTime;
            var signable = Signable(offer, design.Chain!.TokenId, query.Address!, deadline);
            return SignatureRequest.Of(await registry.TypedDataAsync(signable, cancellationToken), deadline);
        }
    }
}
