using System.Security.Cryptography;
using Vfip.Api.Tests.Support.Databases;

namespace Vfip.Api.Tests.Support;

/// <summary>
/// One shared service instance per provider collection, on a chain of its own, with a fresh data folder and
/// database. Test classes are written once against this base and run once per provider (see README.md).
/// </summary>
public abstract class VfipApiFixture(TestDatabase database) : IAsyncLifetime
{
    public TestDatabase Database { get; } = database;

    public LocalChainFixture Chain { get; } = new();

    public VfipFactory Factory { get; private set; } = null!;

    /// <summary>Why this provider's tests cannot run on this machine; they report themselves skipped.</summary>
    public string? SkipReason => Database.SkipReason;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        if (SkipReason is not null)
        {
            return;
        }

        await Chain.InitializeAsync();
        Factory = CreateFactory(await NewStoreAsync());
        _ = Factory.Server; // start now, so the first test does not pay for it
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
            TryDelete(Factory.DataDir);
        }

        await Chain.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>
    /// A data folder and a database of their own, and the custody key that seals the database's keys (required outside the
    /// embedded default, and every instance here uses an outside chain): what one more instance (or one instance across
    /// restarts) keeps.
    /// </summary>
    public async Task<TestStore> NewStoreAsync() => new(
        VfipFactory.NewDataDir(),
        new Dictionary<string, string?>(await Database.NewDatabaseAsync())
        {
            ["Custody:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });

    /// <summary>An instance over <paramref name="store"/>, on this fixture's chain, with extra settings.</summary>
    public VfipFactory CreateFactory(TestStore store, IReadOnlyDictionary<string, string?>? extra = null, bool embeddedChain = false)
    {
        var settings = new Dictionary<string, string?>(embeddedChain ? new Dictionary<string, string?>() : Chain.Settings());
        foreach (var (key, value) in store.Settings.Concat(extra ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        return new VfipFactory(store.DataDir, settings);
    }

    internal static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Where one instance keeps its state: a data folder (blobs, keys, and the SQLite file) and database settings.</summary>
public sealed record TestStore(string DataDir, IReadOnlyDictionary<string, string?> Settings)
{
    public void Delete() => VfipApiFixture.TryDelete(DataDir);
}

public sealed class SqliteApiFixture() : VfipApiFixture(new SqliteTestDatabase());

public sealed class PostgresApiFixture() : VfipApiFixture(new PostgresTestDatabase());

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteApiFixture>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresApiFixture>
{
    public const string Name = "postgres";
}
