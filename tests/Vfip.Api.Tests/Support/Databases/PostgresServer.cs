using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Vfip.Api.Tests.Support.Databases;

/// <summary>
/// A throwaway PostgreSQL cluster made from the installed binaries: <c>initdb</c> into a folder under /tmp,
/// trust authentication for loopback only (this cluster's own setting), a free loopback port, <c>pg_ctl -w
/// start</c>; stopped and deleted on dispose. As root (CI), every binary runs as the <c>postgres</c> user
/// through <c>runuser</c>, because initdb refuses root. Tests get a fresh database each, never a fresh server.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly string _bin;
    private readonly string _dataDir;
    private readonly bool _asPostgresUser;
    private readonly EventHandler _onProcessExit;
    private int _stopped;

    private PostgresServer(string bin, string dataDir, int port, bool asPostgresUser)
    {
        _bin = bin;
        _dataDir = dataDir;
        _asPostgresUser = asPostgresUser;
        Port = port;
        // A killed test run cannot dispose; this covers the ordinary end of the test process at least.
        _onProcessExit = (_, _) => StopAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    public int Port { get; }

    /// <summary>
    /// The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed. <c>VFIP_TEST_POSTGRES_BIN</c>
    /// names the folder instead of searching (a folder without them behaves as "not installed").
    /// </summary>
    public static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("VFIP_TEST_POSTGRES_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) && File.Exists(Path.Combine(configured, "pg_ctl")) ? configured : null;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            : Enumerable.Empty<string>();
        return onPath.Concat(installed)
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .Select(d => Path.GetDirectoryName(ResolveLink(Path.Combine(d, "pg_ctl")))!)
            .FirstOrDefault();
    }

    public static async Task<PostgresServer> StartAsync(string bin)
    {
        var asPostgresUser = Environment.UserName == "root";
        var dataDir = Path.Combine(Path.GetTempPath(), $"vfip-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (asPostgresUser)
        {
            await RunAsync("chown", ["postgres:postgres", dataDir]);
        }

        var port = FreePort();
        var server = new PostgresServer(bin, dataDir, port, asPostgresUser);
        try
        {
            var cluster = Path.Combine(dataDir, "cluster");
            await server.PgAsync("initdb", ["-D", cluster, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
            // Durability off: a test cluster is thrown away, and fsync is most of PostgreSQL's cost on a small machine.
            var options = string.Create(CultureInfo.InvariantCulture,
                $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
            await server.PgAsync("pg_ctl", ["-D", cluster, "-l", Path.Combine(dataDir, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"vfip_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username={Superuser};Database={database};Include Error Detail=true");

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        await StopAsync();
    }

    private async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            var cluster = Path.Combine(_dataDir, "cluster");
            if (File.Exists(Path.Combine(cluster, "postmaster.pid")))
            {
                await PgAsync("pg_ctl", ["-D", cluster, "-m", "immediate", "-w", "stop"]);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private Task PgAsync(string tool, IReadOnlyList<string> arguments) =>
        _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The working directory must be readable by the postgres user, or initdb complains.
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
        }
    }

    private static string ResolveLink(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
