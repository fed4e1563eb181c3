using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Migrations.Postgres;

/// <summary>
/// Lets <c>scripts/add-migration.sh NAME</c> (<c>dotnet ef</c>) build the PostgreSQL model without starting
/// the service or reaching a server: generating a migration never connects.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<VfipDbContext>
{
    public VfipDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<VfipDbContext>();
        options.Use(DatabaseProviders.Postgres, "Host=localhost;Database=vfip_design_time");
        return new VfipDbContext(options.Options);
    }
}
