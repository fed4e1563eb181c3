using System.Security.Cryptography;
using Nethereum.Signer;
using Vfip.Infrastructure.Custody;

namespace Vfip.Infrastructure.Tests.Custody;

/// <summary><see cref="CustodialKeyVault"/>: a sealed key unseals for the holder it was sealed for and no other; format 1 only through a checked re-seal.</summary>
public sealed class CustodialKeyVaultTests
{
    private readonly byte[] _kek = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void ASealedKey_UnsealsForItsHolder_AndForNoOtherIdOrAddress()
    {
        var vault = new CustodialKeyVault(_kek);
        var (address, sealedKey) = vault.CreateKey("alice");
        var other = EthECKey.GenerateKey().GetPublicAddress();

        Assert.Equal(address, EthECKey.GetPublicAddress(vault.Reveal(new("alice", address.ToLowerInvariant()), sealedKey)));
        Assert.Throws<CryptographicException>(() => vault.Reveal(new("mallory", address), sealedKey));
        Assert.Throws<CryptographicException>(() => vault.Reveal(new("alice", other), sealedKey));
        Assert.Throws<CryptographicException>(() => new CustodialKeyVault(RandomNumberGenerator.GetBytes(32)).Reveal(new("alice", address), sealedKey));
    }

    [Fact]
    public void AFormatOneKey_DoesNotUnseal_UntilResealedForTheRowOfItsAddress()
    {
        var vault = new CustodialKeyVault(_kek);
        var key = EthECKey.GenerateKey();
        var formatOne = FormatOne.Seal(_kek, key.GetPrivateKeyAsBytes());
        var holder = new CustodialKeyHolder("alice", key.GetPublicAddress());

        Assert.True(CustodialKeyVault.IsUnbound(formatOne));
        Assert.Throws<CryptographicException>(() => vault.Reveal(holder, formatOne));
        // Format 1 bound nothing: a key moved into a row of another address is refused.
        Assert.Throws<CryptographicException>(() => vault.Reseal(formatOne, new("mallory", EthECKey.GenerateKey().GetPublicAddress())));

        var resealed = vault.Reseal(formatOne, holder);

        Assert.False(CustodialKeyVault.IsUnbound(resealed));
        Assert.Equal(key.GetPrivateKey(), vault.Reveal(holder, resealed));
        Assert.Throws<CryptographicException>(() => vault.Reveal(holder with { UserId = "mallory" }, resealed));
    }
}
