using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nethereum.Signer;
using Vfip.Infrastructure.Custody;
using Vfip.Infrastructure.Identity;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Infrastructure.Tests.Custody;

/// <summary><see cref="CustodyStartup"/> over a real users table (SQLite in memory): format-1 keys are re-sealed for their own rows only.</summary>
public sealed class CustodyStartupTests : IAsyncLifetime
{
    private readonly SqliteConnection _database = new("Data Source=:memory:");
    private readonly byte[] _kek = RandomNumberGenerator.GetBytes(32);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _database.OpenAsync();
        _services = new ServiceCollection()
            .AddLogging()
            .AddDbContext<VfipDbContext>(options => options.UseSqlite(_database))
            .AddSingleton(new CustodialKeyVault(_kek))
            .BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<VfipDbContext>().Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task FormatOneKeys_AreResealedForTheirRow_ExceptOneMovedFromAnotherAddress()
    {
        // Arrange: alice's row holds her own key in format 1; mallory's row holds a copy of bob's key in format 1.
        var alice = EthECKey.GenerateKey();
        var bob = EthECKey.GenerateKey();
        var mallory = EthECKey.GenerateKey().GetPublicAddress();
        var moved = FormatOne.Seal(_kek, bob.GetPrivateKeyAsBytes());
        await AddAsync("alice", alice.GetPublicAddress(), FormatOne.Seal(_kek, alice.GetPrivateKeyAsBytes()));
        await AddAsync("mallory", mallory, moved);
        var current = new CustodialKeyVault(_kek).CreateKey("carol");
        await AddAsync("carol", current.Address, current.SealedKey);

        // Act
        await _services.PrepareCustodyAsync(CancellationToken.None);

        // Assert: alice's key is bound to her row and still hers; mallory's row is untouched and never unseals; carol's unchanged.
        var vault = _services.GetRequiredService<CustodialKeyVault>();
        var rows = await SealedKeysAsync();
        Assert.Equal(alice.GetPrivateKey(), vault.Reveal(new("alice", alice.GetPublicAddress()), rows["alice"]));
        Assert.Equal(moved, rows["mallory"]);
        Assert.Throws<CryptographicException>(() => vault.Reveal(new("mallory", mallory), rows["mallory"]));
        Assert.Equal(current.SealedKey, rows["carol"]);

        // A second start finds nothing more to do.
        await _services.PrepareCustodyAsync(CancellationToken.None);
        Assert.Equal(rows["alice"], (await SealedKeysAsync())["alice"]);
    }

    private async Task AddAsync(string id, string address, byte[] sealedKey)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VfipDbContext>();
        db.Users.Add(new VfipUser { Id = id, UserName = id, CustodialAddress = address, SealedCustodialKey = sealedKey });
        await db.SaveChangesAsync();
    }

    private async Task<Dictionary<string, byte[]>> SealedKeysAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VfipDbContext>().Users.ToDictionaryAsync(u => u.Id, u => u.SealedCustodialKey);
    }
}
