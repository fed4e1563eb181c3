using Vfip.Application.Common.Abstractions;
using Vfip.Domain.Common;

namespace Vfip.Application.Features.Licensing.Rules;

/// <summary>
/// Who signs on chain for a user's address: the service, with the user's custodial key (ADR 0024), or the user's own
/// self-custody wallet (ADR 0017). Asked for a design's owner (granting a licence, transferring the design) and for a
/// parent licence's holder (granting a sublicence, revoking).
/// </summary>
internal static class SigningWallets
{
    /// <summary>
    /// The self-custody wallet that must sign for <paramref name="address"/> (a design's owner, or a parent licence's
    /// holder), or null when it is <paramref name="userId"/>'s custodial address and the service signs with that key.
    /// </summary>
    public static async Task<string?> ForAsync(IAccounts accounts, string userId, string address, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(userId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.Accounts.UserNotFound, "The licensor's account no longer exists.");
        return string.Equals(account.CustodialAddress, address, StringComparison.OrdinalIgnoreCase) ? null : address;
    }

    /// <summary>
    /// Refuses an action the service can sign only with the custodial key (a transfer has no relayed form): a design
    /// held by a self-custody wallet is moved from that wallet, on chain.
    /// </summary>
    public static async Task RequireCustodialAsync(IAccounts accounts, string userId, string address, string what, CancellationToken cancellationToken)
    {
        if (await ForAsync(accounts, userId, address, cancellationToken) is not null)
        {
            throw new DomainException(
                ErrorCodes.Wallets.SignatureRequired, $"{what} is held by a self-custody wallet; this must be done from that wallet.");
        }
    }
}
