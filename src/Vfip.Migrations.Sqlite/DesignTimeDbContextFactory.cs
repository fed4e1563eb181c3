using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Migrations.Sqlite;

/// <summary>
/// Lets <c>scripts/add-migration.sh NAME</c> (<c>dotnet ef</c>) build the SQLite model without starting the
/// service (which would launch a chain).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<VfipDbContext>
{
    public VfipDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<VfipDbContext>();
        options.Use(DatabaseProviders.Sqlite, "Data Source=design-time.db");
        return new VfipDbContext(options.Options);
    }
}
