using Microsoft.AspNetCore.Identity;

namespace Vfip.Infrastructure.Identity;

/// <summary>An account. Every account has a custodial Ethereum address that owns its designs on chain.</summary>
public sealed class VfipUser : IdentityUser
{
    /// <summary>EIP-55 address of the custodial key.</summary>
    public string CustodialAddress { get; set; } = null!;

    /// <summary>The custodial private key, sealed by <see cref="Custody.CustodialKeyVault"/>. Never logged or returned.</summary>
    public byte[] SealedCustodialKey { get; set; } = null!;

    /// <summary>
    /// The linked self-custody wallet that owns the user's new designs (EIP-55), or null when the custodial
    /// address does. Always one of the user's <see cref="Domain.Accounts.LinkedWallet"/>s.
    /// </summary>
    public string? DesignOwnerWallet { get; set; }
}
