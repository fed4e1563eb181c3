using System.Security.Cryptography;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace Vfip.Infrastructure.Custody;

/// <summary>
/// Creates custodial Ethereum keys and keeps them sealed at rest with AES-256-GCM under a key-encryption
/// key from configuration. The plain key exists only in memory, only while it is used.
/// </summary>
public sealed class CustodialKeyVault(byte[] keyEncryptionKey)
{
    private const byte FormatVersion = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly byte[] _kek = keyEncryptionKey.Length == 32
        ? keyEncryptionKey
        : throw new ArgumentException("The custody key-encryption key must be 32 bytes.", nameof(keyEncryptionKey));

    /// <summary>A fresh key: its EIP-55 address and the sealed private key.</summary>
    public (string Address, byte[] SealedKey) CreateKey()
    {
        var key = EthECKey.GenerateKey();
        var privateKey = key.GetPrivateKeyAsBytes();
        try
        {
            return (key.GetPublicAddress(), Seal(privateKey));
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
    public byte[] SignDigest(ReadOnlySpan<byte> sealedKey, byte[] digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.Length != 32)
        {
            throw new ArgumentException("A digest to sign is 32 bytes.", nameof(digest));
        }

        var privateKey = Unseal(sealedKey);
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
    public string Reveal(ReadOnlySpan<byte> sealedKey)
    {
        var privateKey = Unseal(sealedKey);
        try
        {
            return "0x" + Convert.ToHexStringLower(privateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>Layout: version (1) | nonce (12) | tag (16) | ciphertext.</summary>
    public byte[] Seal(ReadOnlySpan<byte> privateKey)
    {
        var sealedKey = new byte[1 + NonceLength + TagLength + privateKey.Length];
        sealedKey[0] = FormatVersion;
        var nonce = sealedKey.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_kek, TagLength);
        aes.Encrypt(nonce, privateKey, sealedKey.AsSpan(1 + NonceLength + TagLength), sealedKey.AsSpan(1 + NonceLength, TagLength), [FormatVersion]);
        return sealedKey;
    }

    public byte[] Unseal(ReadOnlySpan<byte> sealedKey)
    {
        if (sealedKey.Length <= 1 + NonceLength + TagLength || sealedKey[0] != FormatVersion)
        {
            throw new CryptographicException("Not a sealed custodial key of a known format.");
        }

        var privateKey = new byte[sealedKey.Length - 1 - NonceLength - TagLength];
        using var aes = new AesGcm(_kek, TagLength);
        aes.Decrypt(sealedKey.Slice(1, NonceLength), sealedKey[(1 + NonceLength + TagLength)..], sealedKey.Slice(1 + NonceLength, TagLength), privateKey, [FormatVersion]);
        return privateKey;
    }
}
