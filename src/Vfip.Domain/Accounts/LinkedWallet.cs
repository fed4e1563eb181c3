namespace Vfip.Domain.Accounts;

/// <summary>A self-custody Ethereum address a user proved they control (Sign-In with Ethereum). One account per address.</summary>
public sealed class LinkedWallet
{
    // For EF Core.
    private LinkedWallet()
    {
    }

    /// <summary>EIP-55 address.</summary>
    public string Address { get; private set; } = null!;

    public string UserId { get; private set; } = null!;

    public DateTime LinkedAt { get; private set; }

    public static LinkedWallet Link(string address, string userId, DateTime now) => new() { Address = address, UserId = userId, LinkedAt = now };
}

/// <summary>
/// A Sign-In with Ethereum nonce: issued to one user, valid for a short time, and deleted when used, so a
/// signed message can link a wallet once only.
/// </summary>
public sealed class WalletNonce
{
    // For EF Core.
    private WalletNonce()
    {
    }

    public string Nonce { get; private set; } = null!;

    public string UserId { get; private set; } = null!;

    public DateTime ExpiresAt { get; private set; }

    public static WalletNonce Issue(string nonce, string userId, DateTime expiresAt) => new() { Nonce = nonce, UserId = userId, ExpiresAt = expiresAt };
}
