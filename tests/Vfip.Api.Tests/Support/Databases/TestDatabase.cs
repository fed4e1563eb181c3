namespace Vfip.Api.Tests.Support.Databases;

/// <summary>The database side of a fixture: gives each VFIP instance under test a store of its own.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>The <c>Database:Provider</c> value.</summary>
    public abstract string Provider { get; }

    /// <summary>Why tests on this provider cannot run here (reported as skipped), or null.</summary>
    public string? SkipReason { get; protected set; }

    public abstract Task InitializeAsync();

    /// <summary>Settings that point one instance at a new, empty database.</summary>
    public abstract Task<IReadOnlyDictionary<string, string?>> NewDatabaseAsync();

    public abstract ValueTask DisposeAsync();
}

/// <summary>The embedded default: the database is a file in each instance's data folder, so a new folder is a new database.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    public override string Provider => "sqlite";

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task<IReadOnlyDictionary<string, string?>> NewDatabaseAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["Database:Provider"] = Provider });

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// PostgreSQL: one throwaway cluster shared by every fixture of the test run (started by the first, stopped
/// by the last), and a fresh database (<c>vfip_&lt;guid&gt;</c>) for every store. Without installed binaries the
/// tests are skipped with the reason, except under <c>CI=true</c>, where that is a failure.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _server;
    private static int _users;
    private bool _using;

    public override string Provider => "postgres";

    public override async Task InitializeAsync()
    {
        var bin = PostgresServer.FindBinaries();
        if (bin is null)
        {
            const string reason = "PostgreSQL is not installed (no initdb and pg_ctl on PATH or under /usr/lib/postgresql/*/bin)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{reason}; under CI=true the PostgreSQL suite must run (.ci/run installs it).");
            }

            SkipReason = reason;
            return;
        }

        await Gate.WaitAsync();
        try
        {
            _server ??= await PostgresServer.StartAsync(bin);
            _users++;
            _using = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    public override async Task<IReadOnlyDictionary<string, string?>> NewDatabaseAsync() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider,
        ["ConnectionStrings:Vfip"] = await (_server ?? throw new InvalidOperationException("PostgreSQL is not started.")).CreateDatabaseAsync(),
    };

    public override async ValueTask DisposeAsync()
    {
        if (!_using)
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            _using = false;
            if (--_users == 0 && _server is not null)
            {
                await _server.DisposeAsync();
                _server = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
