using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Vfip.Infrastructure.Persistence;

/// <summary>
/// Points a <see cref="VfipDbContext"/> at one provider and that provider's migrations assembly. The service
/// and the design-time factories of the migrations projects both configure through here, so the model
/// that migrations are generated from is the model the service runs.
/// </summary>
public static class VfipDatabase
{
    public const string SqliteMigrationsAssembly = "Vfip.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Vfip.Migrations.Postgres";

    public static DbContextOptionsBuilder Use(this DbContextOptionsBuilder options, string provider, string connectionString) =>
        provider.ToLowerInvariant() switch
        {
            DatabaseProviders.Sqlite => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProviders.Postgres => options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly)),
            _ => throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not supported; use '{DatabaseProviders.Sqlite}' or '{DatabaseProviders.Postgres}'."),
        };

    /// <summary>The connection string: <c>ConnectionStrings:Vfip</c>, else (SQLite only) <c>vfip.db</c> in the data folder.</summary>
    public static string ConnectionString(string provider, string? configured, string dataDir) =>
        configured is { Length: > 0 }
            ? configured
            : string.Equals(provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase)
                ? $"Data Source={Path.Combine(dataDir, "vfip.db")}"
                : throw new InvalidOperationException("ConnectionStrings:Vfip is required with Database:Provider=postgres.");

    /// <summary>
    /// Refuses a database whose history names migrations this build does not have, with a message that says what to do:
    /// made by a development build from before the history was squashed into one <c>InitialSchema</c> (ADR 0020), it
    /// would otherwise fail half-way with "table already exists". A fresh database (no history table) passes.
    /// </summary>
    public static async Task RequireKnownHistoryAsync(DbContext db, CancellationToken cancellationToken)
    {
        // Asked first so that a fresh database is not queried for a table it lacks (the provider would log an error).
        if (!await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken))
        {
            return;
        }

        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database records migrations this build does not have ({string.Join(", ", unknown)}). It was made by an " +
                "earlier development build, before the schema history was squashed into one InitialSchema (docs/decisions/0020). " +
                "Delete the data folder (embedded default) or drop and recreate the database, then start again.");
        }
    }
}
