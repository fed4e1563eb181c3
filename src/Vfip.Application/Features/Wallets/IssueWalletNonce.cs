using System.Security.Cryptography;
using MediatR;
using Microsoft.Extensions.Options;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Options;
using Vfip.Application.Common.Security;
using Vfip.Domain.Accounts;

namespace Vfip.Application.Features.Wallets;

/// <summary>
/// First step of linking a wallet: a fresh nonce for the Sign-In with Ethereum message, bound to the
/// signed-in user, short-lived and good for one use.
/// </summary>
public static class IssueWalletNonce
{
    public sealed record Command : IRequest<Result>;

    /// <param name="Nonce">Goes in the message's <c>Nonce:</c> field (EIP-4361: alphanumeric, at least 8 characters).</param>
    public sealed record Result(string Nonce, DateTime ExpiresAt);

    internal sealed class Handler(IVfipDbContext db, ICurrentCaller current, IOptions<AuthOptions> options, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = current.Caller.RequireUserId();
            var now = clock.GetUtcNow().UtcDateTime;
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            db.WalletNonces.Add(WalletNonce.Issue(nonce, userId, now + options.Value.NonceLifetime));
            await db.SaveChangesAsync(cancellationToken);
            return new Result(nonce, now + options.Value.NonceLifetime);
        }
    }
}
