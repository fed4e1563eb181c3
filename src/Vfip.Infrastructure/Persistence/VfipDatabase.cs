using Microsoft.EntityFrameworkCore;

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
}
