using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace Vfip.Infrastructure.Custody;

/// <summary>The account a sealed custodial key belongs to: its user id and its custodial address.</summary>
public readonly record struct CustodialKeyHolder(string UserId, string Address);

/// <summary>
/// Creates custodial Ethereum keys and keeps them sealed at rest with AES-256-GCM under a key-encryption
/// key from configuration. The plain key exists only in memory, only while it is used.
/// <para>
/// A sealed key is bound to its holder: the user id and the address are the cipher's associated data, so a sealed key
/// copied into another account's row does not unseal there (someone who can write the database cannot swap keys
/// between rows and export or sign with another user's key). Keys sealed before the binding (format 1, associated data
/// the version byte only) unseal only through <see cref="Reseal"/>, which the start runs once per key.
/// </para>
/// </summary>
public sealed class CustodialKeyVault(byte[] keyEncryptionKey)
{
    private const byte UnboundFormat = 1;
    private const byte FormatVersion = 2;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int AddressLength = 20;

    private readonly byte[] _kek = keyEncryptionKey.Length == 32
        ? keyEncryptionKey
        : throw new ArgumentException("The custody key-encryption key must be 32 bytes.", nameof(keyEncryptionKey));

    /// <summary>A fresh key for the account <paramref name="userId"/>: its EIP-55 address and the sealed private key.</summary>
    public (string Address, byte[] SealedKey) CreateKey(string userId)
    {
        var key = EthECKey.GenerateKey();
        var privateKey = key.GetPrivateKeyAsBytes();
        try
        {
            var address = key.GetPublicAddress();
            return (address, Seal(privateKey, new CustodialKeyHolder(userId, address)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>
    /// Signs a 32-byte digest with a sealed key: 65 bytes r‖s‖v (v = 27 or 28). The unsealed bytes are zeroed before
    /// this returns (Nethereum's key object keeps its own copy until it is collected; it never leaves this method).
    /// </summary>
    public byte[] SignDigest(CustodialKeyHolder holder, ReadOnlySpan<byte> sealedKey, byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.Length != 32)
        {
            throw new ArgumentException("A digest to sign is 32 bytes.", nameof(digest));
        }

        var privateKey = Unseal(sealedKey, holder);
        try
        {
            // The wallet format (r and s padded to 32 bytes each, then v), as eth_sign and eth_signTypedData_v4 return it.
            return EthECDSASignature.CreateStringSignature(new EthECKey(privateKey, isPrivate: true).SignAndCalculateV(digest)).HexToByteArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>A sealed key as 0x hex, for its owner's export only; the unsealed bytes are zeroed.</summary>
    public string Reveal(CustodialKeyHolder holder, ReadOnlySpan<byte> sealedKey)
    {
        var privateKey = Unseal(sealedKey, holder);
        try
        {
            return "0x" + Convert.ToHexStringLower(privateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>Layout: version (2) | nonce (12) | tag (16) | ciphertext; associated data: version | user id | address.</summary>
    public byte[] Seal(ReadOnlySpan<byte> privateKey, CustodialKeyHolder holder)
    {
        var sealedKey = new byte[1 + NonceLength + TagLength + privateKey.Length];
        sealedKey[0] = FormatVersion;
        var nonce = sealedKey.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_kek, TagLength);
        aes.Encrypt(nonce, privateKey, sealedKey.AsSpan(1 + NonceLength + TagLength), sealedKey.AsSpan(1 + NonceLength, TagLength), AssociatedData(holder));
        return sealedKey;
    }

    /// <summary>
    /// The private key, when <paramref name="sealedKey"/> was sealed for <paramref name="holder"/> under this vault's key;
    /// a <see cref="CryptographicException"/> otherwise (another account's key, another address, changed bytes, format 1).
    /// </summary>
    public byte[] Unseal(ReadOnlySpan<byte> sealedKey, CustodialKeyHolder holder)
    {
        if (!IsSealed(sealedKey, FormatVersion))
        {
            throw new CryptographicException(IsSealed(sealedKey, UnboundFormat)
                ? $"The custodial key of account {holder.UserId} is still in format 1; the start re-seals those (CustodyStartup)."
                : "Not a sealed custodial key of a known format.");
        }

        return Decrypt(sealedKey, AssociatedData(holder), holder);
    }

    /// <summary>True for a key sealed before keys were bound to their holder (format 1).</summary>
    public static bool IsUnbound(ReadOnlySpan<byte> sealedKey) => IsSealed(sealedKey, UnboundFormat);

    /// <summary>
    /// Re-seals a format-1 key for <paramref name="holder"/>, once it is proven to be that holder's: format 1 bound
    /// nothing, so the only check left is that the key is the one behind the holder's address (a key moved from another
    /// row is refused with a <see cref="CryptographicException"/>).
    /// </summary>
    public byte[] Reseal(ReadOnlySpan<byte> unboundSealedKey, CustodialKeyHolder holder)
    {
        if (!IsUnbound(unboundSealedKey))
        {
            throw new CryptographicException("Not a sealed custodial key of format 1.");
        }

        var privateKey = Decrypt(unboundSealedKey, [UnboundFormat], holder);
        try
        {
            if (!string.Equals(new EthECKey(privateKey, isPrivate: true).GetPublicAddress(), holder.Address, StringComparison.OrdinalIgnoreCase))
            {
                throw new CryptographicException($"The custodial key in account {holder.UserId}'s row is not the key of its address {holder.Address}.");
            }

            return Seal(privateKey, holder);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    private byte[] Decrypt(ReadOnlySpan<byte> sealedKey, ReadOnlySpan<byte> associatedData, CustodialKeyHolder holder)
    {
        var privateKey = new byte[sealedKey.Length - 1 - NonceLength - TagLength];
        using var aes = new AesGcm(_kek, TagLength);
        try
        {
            aes.Decrypt(sealedKey.Slice(1, NonceLength), sealedKey[(1 + NonceLength + TagLength)..], sealedKey.Slice(1 + NonceLength, TagLength), privateKey, associatedData);
            return privateKey;
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(privateKey);
            // Names the account, never the bytes: a wrong key-encryption key, or a sealed key moved here from another row.
            throw new CryptographicException(
                $"The sealed custodial key of account {holder.UserId} ({holder.Address}) does not unseal: it was sealed for another account or " +
                "under another Custody:KeyEncryptionKey, or changed.");
        }
    }

    private static bool IsSealed(ReadOnlySpan<byte> sealedKey, byte version) =>
        sealedKey.Length > 1 + NonceLength + TagLength && sealedKey[0] == version;

    /// <summary>version | user id length (2 bytes, big-endian) | user id (UTF-8) | address (20 bytes): unambiguous, and the address's case does not matter.</summary>
    private static byte[] AssociatedData(CustodialKeyHolder holder)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder.UserId);
        var address = holder.Address.HexToByteArray();
        if (address.Length != AddressLength)
        {
            throw new ArgumentException("A custodial address is 20 bytes.", nameof(holder));
        }

        var userId = Encoding.UTF8.GetBytes(holder.UserId);
        var data = new byte[1 + 2 + userId.Length + AddressLength];
        data[0] = FormatVersion;
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(1), checked((ushort)userId.Length));
        userId.CopyTo(data, 3);
        address.CopyTo(data, 3 + userId.Length);
        return data;
    }
}
