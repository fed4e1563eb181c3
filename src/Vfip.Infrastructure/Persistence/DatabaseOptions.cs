namespace Vfip.Infrastructure.Persistence;

/// <summary>
/// Configuration section <c>Database</c>: which provider holds the working store. The connection string is
/// <c>ConnectionStrings:Vfip</c> (environment <c>ConnectionStrings__Vfip</c>).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>sqlite</c> (the embedded default, a file in the data folder) or <c>postgres</c> (environment <c>Database__Provider</c>).</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;
}

/// <summary>The provider names <see cref="DatabaseOptions.Provider"/> accepts.</summary>
public static class DatabaseProviders
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
}
