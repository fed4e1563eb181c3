namespace Vfip.Application.Common.Abstractions;

/// <summary>The Ethereum addresses that act for a user on chain.</summary>
public interface IUserWallets
{
    /// <summary>
    /// The EIP-55 address that owns the user's new designs (today the custodial address the service
    /// generated for the user), or null when there is no such user.
    /// </summary>
    Task<string?> GetOwnerAddressAsync(string userId, CancellationToken cancellationToken);
}
