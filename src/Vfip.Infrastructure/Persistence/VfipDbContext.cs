using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Outbox;
using Vfip.Domain.Designs;
using Vfip.Infrastructure.Identity;

namespace Vfip.Infrastructure.Persistence;

public sealed class VfipDbContext(DbContextOptions<VfipDbContext> options)
    : IdentityDbContext<VfipUser>(options), IVfipDbContext
{
    public DbSet<Design> Designs => Set<Design>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(VfipDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is stored in UTC and read back as UTC, whatever the provider does with kinds.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
