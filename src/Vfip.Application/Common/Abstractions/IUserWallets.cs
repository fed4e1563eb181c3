namespace Vfip.Application.Common.Abstractions;

/// <summary>The Ethereum addresses that act for a user on chain.</summary>
public interface IUserWallets
{
    /// <summary>
    /// The address that owns the user's new designs, as the user chose: the custodial address the service
    /// generated for them, or a self-custody wallet they linked. Null when there is no such user.
    /// </summary>
    Task<DesignOwnerWallet?> GetDesignOwnerAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user an address belongs to (their custodial address, or a wallet they linked); null when none does.</summary>
    Task<string?> FindUserByAddressAsync(string address, CancellationToken cancellationToken);
}

/// <param name="Address">EIP-55.</param>
/// <param name="SelfCustody">The user holds the key: registrations need their signature.</param>
public sealed record DesignOwnerWallet(string Address, bool SelfCustody);
