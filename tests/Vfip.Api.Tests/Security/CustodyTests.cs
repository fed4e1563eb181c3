using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Api.Tests.Support;
using Vfip.Application.Common.Abstractions;
using Vfip.Infrastructure.Identity;
using Vfip.Infrastructure.Persistence;
using Vfip.Infrastructure.Tests.Custody;

namespace Vfip.Api.Tests.Security;

/// <summary>
/// Custodial keys against someone who can write the database (sealed keys moved between rows), and the key that seals
/// them: required outside the embedded default, made owner-only on it.
/// </summary>
public abstract class CustodyTests(VfipApiFixture fixture) : IntegrationTest(fixture)
{
    [SkippableFact]
    public async Task SealedKeysMovedBetweenTwoUsersRows_NeitherExportsNorSigns_AndNoKeyLeaks()
    {
        var factory = Fixture.Factory;
        var victim = await Account.SignUpAsync(factory);
        var attacker = await Account.SignUpAsync(factory);
        var privateKeys = new[] { victim.PrivateKey[2..], attacker.PrivateKey[2..] };

        // A direct SQL update swaps the sealed keys; then the addresses too, so each row holds the other's key and address.
        foreach (var column in new[] { nameof(VfipUser.SealedCustodialKey), nameof(VfipUser.CustodialAddress) })
        {
            await SwapAsync(factory, victim.Id, attacker.Id, column);

            foreach (var account in new[] { victim, attacker })
            {
                var export = await account.Client.PostAsJsonAsync("/api/v1/me/custodial-key/export", new { password = VfipClient.Password });
                Assert.Equal(HttpStatusCode.InternalServerError, export.StatusCode);
                var body = await export.Content.ReadAsStringAsync();
                Assert.All(privateKeys, key => Assert.DoesNotContain(key, body, StringComparison.OrdinalIgnoreCase));
            }

            var signer = factory.Services.GetRequiredService<ICustodialSigner>();
            foreach (var address in new[] { victim.Address, attacker.Address })
            {
                await Assert.ThrowsAsync<CryptographicException>(() => signer.SignDigestAsync(address, new byte[32], CancellationToken.None));
            }
        }

        Assert.All(privateKeys, key => Assert.False(factory.Logs.Contain(key), "a private key is in the log"));
    }

    [SkippableFact]
    public async Task AKeySealedInFormatOne_IsResealedForItsRowAtTheNextStart_ButOneMovedFromAnotherRowNeverUnseals()
    {
        var store = await Fixture.NewStoreAsync();
        var kek = Convert.FromBase64String(store.Settings["Custody:KeyEncryptionKey"]!);
        Account owner, other;
        await using (var first = Fixture.CreateFactory(store))
        {
            owner = await Account.SignUpAsync(first);
            other = await Account.SignUpAsync(first);
            // Rows as the vault sealed them before keys were bound to their holder: the owner's own key, and a copy of it
            // moved into the other row.
            await SetAsync(first, owner.Id, FormatOne.Seal(kek, Convert.FromHexString(owner.PrivateKey[2..])));
            await SetAsync(first, other.Id, FormatOne.Seal(kek, Convert.FromHexString(owner.PrivateKey[2..])));
        }

        await using var restarted = Fixture.CreateFactory(store);
        var client = restarted.CreateClient();
        foreach (var (account, expected) in new[] { (owner, HttpStatusCode.OK), (other, HttpStatusCode.InternalServerError) })
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", await VfipClient.LoginAsync(client, account.Email));
            var export = await client.PostAsJsonAsync("/api/v1/me/custodial-key/export", new { password = VfipClient.Password });
            Assert.Equal(expected, export.StatusCode);
            if (expected == HttpStatusCode.OK)
            {
                Assert.Equal(owner.PrivateKey, (await export.ReadJsonAsync())["privateKey"]!.GetValue<string>());
            }
        }

        Assert.Equal(2, (await SealedKeyAsync(restarted, owner.Id))[0]); // re-sealed in the bound format
        Assert.Equal(1, (await SealedKeyAsync(restarted, other.Id))[0]); // left as it was
        Assert.True(restarted.Logs.Contain($"The custodial key of account {other.Id} was not re-sealed"), "the refusal is logged");
    }

    [SkippableFact]
    public async Task OutsideTheEmbeddedDefault_AStartWithoutTheKeyEncryptionKey_Fails_NamingTheSettingAndHowToMakeOne()
    {
        var store = await Fixture.NewStoreAsync();
        // On PostgreSQL even with the embedded chain (replicas share the database); on SQLite, with this fixture's outside chain.
        var postgres = Fixture.Database.Provider == DatabaseProviders.Postgres;
        await using var factory = Fixture.CreateFactory(store, new Dictionary<string, string?> { ["Custody:KeyEncryptionKey"] = "" }, embeddedChain: postgres);

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var reasons = string.Join(" | ", Chain(refused).Select(e => e.Message));
        Assert.Contains("Custody:KeyEncryptionKey", reasons, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", reasons, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(store.DataDir, "keys", "custody.key")));
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Swaps one column of two rows of AspNetUsers, as someone writing the database directly would.</summary>
    private static async Task SwapAsync(VfipFactory factory, string first, string second, string column)
    {
        Dictionary<string, VfipUser> users;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            users = await scope.ServiceProvider.GetRequiredService<VfipDbContext>().Users.AsNoTracking()
                .Where(u => u.Id == first || u.Id == second).ToDictionaryAsync(u => u.Id);
        }

        object Value(string id) => column == nameof(VfipUser.CustodialAddress) ? users[id].CustodialAddress : users[id].SealedCustodialKey;
        await SetAsync(factory, first, Value(second));
        await SetAsync(factory, second, Value(first));
    }

    private static async Task<byte[]> SealedKeyAsync(VfipFactory factory, string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VfipDbContext>().Users.Where(u => u.Id == userId).Select(u => u.SealedCustodialKey).SingleAsync();
    }

    /// <summary>A direct SQL UPDATE of one row: a sealed key (bytes) or a custodial address (text).</summary>
    private static async Task SetAsync(VfipFactory factory, string userId, object value)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<VfipDbContext>().Users.Where(u => u.Id == userId);
        var updated = value is string address
            ? await users.ExecuteUpdateAsync(set => set.SetProperty(u => u.CustodialAddress, address))
            : await users.ExecuteUpdateAsync(set => set.SetProperty(u => u.SealedCustodialKey, (byte[])value));
        Assert.Equal(1, updated);
    }

    /// <summary>A signed-up user who exported their key once, before anything was moved.</summary>
    private sealed record Account(HttpClient Client, string Id, string Email, string Address, string PrivateKey)
    {
        public static async Task<Account> SignUpAsync(VfipFactory factory)
        {
            var email = $"custody-{Guid.NewGuid():N}@example.com";
            var client = await factory.SignedInClientAsync(email);
            var exported = await client.PostAsJsonAsync("/api/v1/me/custodial-key/export", new { password = VfipClient.Password });
            Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
            var key = await exported.ReadJsonAsync();
            return new(client, await client.UserIdAsync(), email, key["address"]!.GetValue<string>(), key["privateKey"]!.GetValue<string>());
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CustodyTestsOnSqlite(SqliteApiFixture fixture) : CustodyTests(fixture)
{
    [SkippableFact]
    public async Task OnTheEmbeddedDefault_AStartWithoutTheKey_GeneratesAnOwnerOnlyKeyFile()
    {
        var store = await Fixture.NewStoreAsync();
        await using var factory = Fixture.CreateFactory(store, new Dictionary<string, string?> { ["Custody:KeyEncryptionKey"] = "" }, embeddedChain: true);

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/live")).StatusCode);

        var keyFile = Path.Combine(store.DataDir, "keys", "custody.key");
        Assert.Equal(32, Convert.FromBase64String(await File.ReadAllTextAsync(keyFile)).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class CustodyTestsOnPostgres(PostgresApiFixture fixture) : CustodyTests(fixture);
