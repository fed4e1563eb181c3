using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Nethereum.Signer;
using Nethereum.Util;
using Vfip.Infrastructure.Custody;

namespace Vfip.Infrastructure.Tests.Custody;

/// <summary><see cref="CustodialSigner"/> over a real users table (SQLite in memory) and a real vault.</summary>
public sealed class CustodialSignerTests : IAsyncLifetime
{
    private readonly UsersTable _users = new();
    private readonly CustodialKeyVault _vault = new(RandomNumberGenerator.GetBytes(32));

    public Task InitializeAsync() => _users.OpenAsync();

    public async Task DisposeAsync() => await _users.DisposeAsync();

    [Fact]
    public async Task SignDigestAsync_ForACustodialAddress_SignsWithThatAddresssKey()
    {
        // Arrange
        var address = await AddUserAsync();
        var digest = Sha3Keccack.Current.CalculateHash("a transfer to sign"u8.ToArray());

        // Act: asked with the address in another case, as a caller may pass it.
        var signature = await Signer().SignDigestAsync(address.ToLowerInvariant(), digest, CancellationToken.None);

        // Assert: 65 bytes r‖s‖v that recover to the address.
        Assert.Equal(65, signature.Length);
        Assert.Contains(signature[64], new byte[] { 27, 28 });
        var recovered = EthECKey.RecoverFromSignature(EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]), digest);
        Assert.Equal(address, recovered.GetPublicAddress());
    }

    [Fact]
    public async Task SignDigestAsync_ForAnAddressNoUserHas_Throws()
    {
        await AddUserAsync();
        var stranger = EthECKey.GenerateKey().GetPublicAddress();

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Signer().SignDigestAsync(stranger, new byte[32], CancellationToken.None));
    }

    [Fact]
    public async Task SignDigestAsync_WhenTheDigestIsNot32Bytes_Throws()
    {
        var address = await AddUserAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Signer().SignDigestAsync(address, new byte[31], CancellationToken.None));
    }

    [Fact]
    public async Task ExportKeyAsync_ReturnsTheUsersAddressAndTheKeyBehindIt()
    {
        var address = await AddUserAsync("exporter");

        var exported = await Signer().ExportKeyAsync("exporter", CancellationToken.None);

        Assert.Equal(address, exported.Address);
        Assert.Equal(address, EthECKey.GetPublicAddress(exported.PrivateKey));
        Assert.DoesNotContain(exported.PrivateKey, exported.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SealedKeysSwappedBetweenRows_SignNorExportForEither_AndTheErrorHoldsNoKey()
    {
        // Arrange: two accounts, their keys known, then someone who can write the table swaps the sealed keys.
        var victim = await AddUserAsync("victim");
        var attacker = await AddUserAsync("attacker");
        var keys = new[] { (await Signer().ExportKeyAsync("victim", CancellationToken.None)).PrivateKey, (await Signer().ExportKeyAsync("attacker", CancellationToken.None)).PrivateKey };
        await SwapAsync("victim", "attacker");

        // Act and assert: the sealed key is bound to its row's id and address, so neither row unseals the other's.
        foreach (var (id, address) in new[] { ("victim", victim), ("attacker", attacker) })
        {
            var export = await Assert.ThrowsAsync<CryptographicException>(() => Signer().ExportKeyAsync(id, CancellationToken.None));
            var sign = await Assert.ThrowsAsync<CryptographicException>(() => Signer().SignDigestAsync(address, new byte[32], CancellationToken.None));
            foreach (var key in keys)
            {
                Assert.DoesNotContain(key[2..], export.ToString(), StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(key[2..], sign.ToString(), StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private async Task SwapAsync(string first, string second)
    {
        var sealedKeys = await _users.SealedKeysAsync();
        await _users.SetSealedKeyAsync(first, sealedKeys[second]);
        await _users.SetSealedKeyAsync(second, sealedKeys[first]);
    }

    private CustodialSigner Signer() => new(_users.Services.GetRequiredService<IServiceScopeFactory>(), _vault);

    private async Task<string> AddUserAsync(string? id = null)
    {
        var userId = id ?? Guid.NewGuid().ToString("N");
        var (address, sealedKey) = _vault.CreateKey(userId);
        await _users.AddAsync(userId, address, sealedKey);
        Assert.True(AddressUtil.Current.IsChecksumAddress(address));
        return address;
    }
}
