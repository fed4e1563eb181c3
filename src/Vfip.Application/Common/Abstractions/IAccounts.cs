using Vfip.Application.Common.Paging;

namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// User accounts as use cases see them (ASP.NET Core Identity stays behind this, in Vfip.Infrastructure):
/// reading them, their roles, their custodial address, and re-checking a password.
/// </summary>
public interface IAccounts
{
    Task<UserAccount?> FindAsync(string userId, CancellationToken cancellationToken);

    /// <summary>A page of accounts ordered by e-mail; <paramref name="email"/> filters by a part of it.</summary>
    Task<PagedList<UserAccount>> ListAsync(string? email, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Makes the account hold exactly these (known) roles.</summary>
    Task SetRolesAsync(string userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken);

    /// <summary>Ends a lockout and clears the failed-attempt count.</summary>
    Task UnlockAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the password again (re-authentication before a sensitive action). A wrong password counts
    /// towards lockout exactly as a failed login does.
    /// </summary>
    Task<PasswordCheck> CheckPasswordAsync(string userId, string password, CancellationToken cancellationToken);

    /// <summary>The user's custodial address (EIP-55): what <see cref="ICustodialSigner"/> signs for on their behalf.</summary>
    Task<string> GetCustodialAddressAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Which address owns the user's new designs: a linked wallet, or null for the custodial address.</summary>
    Task SetDesignOwnerWalletAsync(string userId, string? walletAddress, CancellationToken cancellationToken);
}

/// <param name="DesignOwnerWallet">The linked wallet that owns new designs; null when the custodial address does.</param>
public sealed record UserAccount(
    string Id,
    string Email,
    IReadOnlyList<string> Roles,
    string CustodialAddress,
    string? DesignOwnerWallet,
    DateTimeOffset? LockedOutUntil,
    int FailedLogins);

public enum PasswordCheck
{
    Correct,
    Wrong,
    LockedOut,
}
