using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Leases;
using Vfip.Application.Common.Outbox;
using Vfip.Domain.Accounts;
using Vfip.Domain.Designs;
using Vfip.Infrastructure.Identity;

namespace Vfip.Infrastructure.Persistence;

public sealed class VfipDbContext(DbContextOptions<VfipDbContext> options)
    : IdentityDbContext<VfipUser>(options), IVfipDbContext, IDataProtectionKeyContext
{
    /// <summary>SQLite has one auto-increment per table (the key); this trigger gives designs their <see cref="Design.Sequence"/>.</summary>
    public const string SqliteSequenceTrigger = "Designs_AssignSequence";

    // Any constant will do; it only has to be the same on every replica.
    private const long RegistrationOrderLock = 0x5646_4950_0001;

    public DbSet<Design> Designs => Set<Design>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<Lease> Leases => Set<Lease>();

    public DbSet<Application.Common.Indexing.ChainCursor> ChainCursors => Set<Application.Common.Indexing.ChainCursor>();

    public DbSet<Domain.Licensing.LicenseOffer> LicenseOffers => Set<Domain.Licensing.LicenseOffer>();

    public DbSet<Domain.Licensing.License> Licenses => Set<Domain.Licensing.License>();

    public DbSet<PlatformKey> PlatformKeys => Set<PlatformKey>();

    public DbSet<LinkedWallet> LinkedWallets => Set<LinkedWallet>();

    public DbSet<WalletNonce> WalletNonces => Set<WalletNonce>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    /// <summary>The Data Protection key ring, when replicas share it through the database (PostgreSQL).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!Database.IsNpgsql() || Database.CurrentTransaction is not null
            || !ChangeTracker.Entries<Design>().Any(e => e.State == EntityState.Added))
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // NOTE: an identity value is drawn at insert but becomes visible at commit, so two registrations on two
        // replicas could commit out of Sequence order and a reader of "Sequence > N" would skip the late one.
        // Holding one advisory lock from insert to commit makes Sequence order commit order. The lock is held
        // for one short insert; the slow parts of a registration happen before it.
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RegistrationOrderLock})", cancellationToken);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(VfipDbContext).Assembly);

        var sequence = builder.Entity<Design>().Property(d => d.Sequence);
        if (Database.IsNpgsql())
        {
            sequence.UseIdentityByDefaultColumn();
        }
        else
        {
            // SQLite writers are serialised, so MAX + 1 inside the insert's own trigger is commit order too.
            // Declaring the trigger makes EF read the value back after it ran, not from RETURNING.
            sequence.HasDefaultValue(0L);
            builder.Entity<Design>().ToTable(table => table.HasTrigger(SqliteSequenceTrigger));
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is stored in UTC and read back as UTC, whatever the provider does with kinds
        // (PostgreSQL maps DateTime to timestamp with time zone, which accepts only Kind=Utc).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
