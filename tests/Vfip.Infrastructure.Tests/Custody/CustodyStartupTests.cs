using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Nethereum.Signer;
using Vfip.Infrastructure.Custody;

namespace Vfip.Infrastructure.Tests.Custody;

/// <summary><see cref="CustodyStartup"/> over a real users table (SQLite in memory): format-1 keys are re-sealed for their own rows only.</summary>
public sealed class CustodyStartupTests : IAsyncLifetime
{
    private readonly byte[] _kek = RandomNumberGenerator.GetBytes(32);
    private readonly UsersTable _users;

    public CustodyStartupTests()
    {
        _users = new UsersTable(services => services.AddLogging().AddSingleton(new CustodialKeyVault(_kek)));
    }

    public Task InitializeAsync() => _users.OpenAsync();

    public async Task DisposeAsync() => await _users.DisposeAsync();

    [Fact]
    public async Task FormatOneKeys_AreResealedForTheirRow_ExceptOneMovedFromAnotherAddress()
    {
        // Arrange: alice's row holds her own key in format 1; mallory's row holds a copy of bob's key in format 1.
        var alice = EthECKey.GenerateKey();
        var bob = EthECKey.GenerateKey();
        var mallory = EthECKey.GenerateKey().GetPublicAddress();
        var moved = FormatOne.Seal(_kek, bob.GetPrivateKeyAsBytes());
        await _users.AddAsync("alice", alice.GetPublicAddress(), FormatOne.Seal(_kek, alice.GetPrivateKeyAsBytes()));
        await _users.AddAsync("mallory", mallory, moved);
        var current = new CustodialKeyVault(_kek).CreateKey("carol");
        await _users.AddAsync("carol", current.Address, current.SealedKey);

        // Act
        await _users.Services.PrepareCustodyAsync(CancellationToken.None);

        // Assert: alice's key is bound to her row and still hers; mallory's row is untouched and never unseals; carol's unchanged.
        var vault = _users.Services.GetRequiredService<CustodialKeyVault>();
        var rows = await _users.SealedKeysAsync();
        Assert.Equal(alice.GetPrivateKey(), vault.Reveal(new("alice", alice.GetPublicAddress()), rows["alice"]));
        Assert.Equal(moved, rows["mallory"]);
        Assert.Throws<CryptographicException>(() => vault.Reveal(new("mallory", mallory), rows["mallory"]));
        Assert.Equal(current.SealedKey, rows["carol"]);

        // A second start finds nothing more to do.
        await _users.Services.PrepareCustodyAsync(CancellationToken.None);
        Assert.Equal(rows["alice"], (await _users.SealedKeysAsync())["alice"]);
    }
}
