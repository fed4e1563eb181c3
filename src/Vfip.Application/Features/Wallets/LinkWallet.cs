using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Options;
using Vfip.Application.Common.Security;
using Vfip.Application.Features.Wallets.Rules;
using Vfip.Domain.Accounts;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Wallets;

/// <summary>
/// Links a self-custody address to the signed-in user with Sign-In with Ethereum (EIP-4361). The message
/// must name the expected domain, a URI on the expected origin and this chain, carry a nonce this user was issued and has not used,
/// have been issued moments ago and not have expired; and its EIP-191 signature must recover to the
/// address it names. The nonce is spent as soon as the message names it, whatever the outcome.
/// </summary>
public static class LinkWallet
{
    /// <param name="ExpectedDomain">
    /// The domain the message must name: <c>Auth:SiweDomain</c>, else the authority of <c>Vfip:PublicBaseUrl</c>;
    /// never anything the request says (its Host header is the attacker's to choose).
    /// </param>
    /// <param name="ExpectedOrigin">The origin (scheme, host, port) the message's URI must be on.</param>
    public sealed record Command(string? Message, string? Signature, string ExpectedDomain, Uri ExpectedOrigin) : IRequest<WalletLinked>;

    /// <param name="Address">EIP-55.</param>
    public sealed record WalletLinked(string Address, DateTime LinkedAt);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Message).NotEmpty().MaximumLength(4000);
            RuleFor(c => c.Signature).NotEmpty().MaximumLength(200);
        }
    }

    internal sealed class Handler(
        IVfipDbContext db,
        IEthereumAccounts ethereum,
        IDesignRegistry chain,
        ICurrentCaller current,
        AuditLog audit,
        IOptions<AuthOptions> options,
        TimeProvider clock,
        ILogger<Handler> logger) : IRequestHandler<Command, WalletLinked>
    {
        public async Task<WalletLinked> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            try
            {
                var address = await VerifyAsync(userId, command, cancellationToken);
                return await LinkAsync(userId, address, cancellationToken);
            }
            catch (DomainException refused) when (refused.Kind == ErrorKind.Invalid)
            {
                audit.Record(AuditEventTypes.WalletLinkRefused, userId, refused.Code);
                await db.SaveChangesAsync(cancellationToken);
                throw;
            }
        }

        private async Task<string> VerifyAsync(string userId, Command command, CancellationToken cancellationToken)
        {
            var message = SiweMessage.TryParse(command.Message!)
                ?? throw new DomainException(ErrorCodes.Wallets.SiweInvalidMessage, "The message is not an EIP-4361 Sign-In with Ethereum message.");
            var now = clock.GetUtcNow();
            var maxAge = options.Value.SiweMaxAge;

            if (!string.Equals(message.Domain, command.ExpectedDomain, StringComparison.OrdinalIgnoreCase))
            {
                throw new DomainException(
                    ErrorCodes.Wallets.SiweWrongDomain, $"The message is for '{message.Domain}', not '{command.ExpectedDomain}'.");
            }

            if (!SiweMessage.IsSameOrigin(message.Uri, command.ExpectedOrigin))
            {
                throw new DomainException(
                    ErrorCodes.Wallets.SiweWrongUri, $"The message's URI must be on {command.ExpectedOrigin.GetLeftPart(UriPartial.Authority)}.");
            }

            var address = ethereum.ToChecksumAddress(message.Address);
            if (address is null || !string.Equals(address, message.Address, StringComparison.Ordinal))
            {
                throw new DomainException(ErrorCodes.Wallets.SiweInvalidMessage, "The address must be EIP-55 checksummed, as EIP-4361 requires.");
            }

            if (message.Version != "1")
            {
                throw new DomainException(ErrorCodes.Wallets.SiweInvalidMessage, "Only version 1 messages are accepted.");
            }

            var chainId = await chain.GetChainIdAsync(cancellationToken);
            if (message.ChainId != chainId)
            {
                throw new DomainException(
                    ErrorCodes.Wallets.SiweWrongChain, $"The message is for chain {message.ChainId}; VFIP is on chain {chainId}.");
            }

            // Spent here, before the signature is checked: a nonce is good for one attempt, so nobody can try
            // signatures against it, and a message that names it can never be replayed.
            var spent = await db.WalletNonces
                .Where(n => n.Nonce == message.Nonce && n.UserId == userId && n.ExpiresAt > now.UtcDateTime)
                .ExecuteDeleteAsync(cancellationToken);
            if (spent != 1)
            {
                throw new DomainException(
                    ErrorCodes.Wallets.SiweInvalidNonce, "The nonce was not issued to you, was used already, or has expired. Ask for a new one.");
            }

            if (message.IssuedAt < now - maxAge || message.IssuedAt > now + maxAge)
            {
                throw new DomainException(ErrorCodes.Wallets.SiweExpired, $"'Issued At' must be within {maxAge.TotalMinutes:0} minutes of now.");
            }

            if (message.ExpirationTime is { } expiry && expiry <= now)
            {
                throw new DomainException(ErrorCodes.Wallets.SiweExpired, "The message's 'Expiration Time' has passed.");
            }

            if (message.NotBefore is { } notBefore && notBefore > now + maxAge)
            {
                throw new DomainException(ErrorCodes.Wallets.SiweNotYetValid, "The message's 'Not Before' is in the future.");
            }

            var signer = ethereum.RecoverPersonalSigner(command.Message!, command.Signature!);
            if (signer is null || !string.Equals(signer, address, StringComparison.OrdinalIgnoreCase))
            {
                throw new DomainException(ErrorCodes.Wallets.SiweInvalidSignature, $"The signature is not {address}'s signature of this message.");
            }

            return address;
        }

        private async Task<WalletLinked> LinkAsync(string userId, string address, CancellationToken cancellationToken)
        {
            var existing = await db.LinkedWallets.AsNoTracking().FirstOrDefaultAsync(w => w.Address == address, cancellationToken);
            if (existing is not null)
            {
                return existing.UserId == userId
                    ? new WalletLinked(existing.Address, existing.LinkedAt)
                    : throw LinkedElsewhere();
            }

            var wallet = LinkedWallet.Link(address, userId, clock.GetUtcNow().UtcDateTime);
            db.LinkedWallets.Add(wallet);
            audit.Record(AuditEventTypes.WalletLinked, userId, address);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (db.IsUniqueViolation(exception))
            {
                throw LinkedElsewhere();
            }

            logger.LogInformation("Wallet {Address} linked to user {UserId}", address, userId);
            return new WalletLinked(wallet.Address, wallet.LinkedAt);
        }

        private static DomainException LinkedElsewhere() => new(ErrorCodes.Wallets.LinkedElsewhere, "This wallet is linked to another account.");
    }
}
