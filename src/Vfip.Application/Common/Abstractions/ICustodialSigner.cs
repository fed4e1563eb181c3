using Vfip.Application.Features.Accounts;

namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// The custodial keys the service keeps for its users, used without ever leaving custody: the chain adapter asks for a
/// signature for an address and gets the signature, never the key. Implemented next to the key vault in
/// Vfip.Infrastructure; the registrar's own key is not one of these (it stays inside the chain adapter).
/// </summary>
public interface ICustodialSigner
{
    /// <summary>
    /// Signs a 32-byte <paramref name="digest"/> (an EIP-712 digest, a transaction's signing hash) with the custodial key of
    /// <paramref name="address"/>: 65 bytes r‖s‖v, v being 27 or 28. Throws when the address is no user's custodial address.
    /// </summary>
    Task<byte[]> SignDigestAsync(string address, byte[] digest, CancellationToken cancellationToken);

    /// <summary>
    /// The user's custodial key, unsealed, as the <see cref="ExportCustodialKey"/> response: only for its owner, after
    /// they re-authenticated. Returned as the response itself so that no use case holds the key on the way.
    /// </summary>
    Task<ExportCustodialKey.Result> ExportKeyAsync(string userId, CancellationToken cancellationToken);
}
