using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Vfip.Infrastructure;
using Vfip.Infrastructure.Persistence;

namespace Vfip.Migrations.Sqlite;

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --project src/Vfip.Migrations.Sqlite</c> build the model without
/// starting the service (which would launch a chain).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<VfipDbContext>
{
    public VfipDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VfipDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly))
            .Options);
}
