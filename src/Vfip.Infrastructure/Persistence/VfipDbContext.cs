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

    // Any constant will do; it only has to be the same on every replica. It orders Designs.Sequence and
    // RightsChanges.Sequence (one lock for both: a registration is a rights change too).
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

    /// <summary>The rights change feed replicas follow to drop stale verification snapshots (ADR 0014).</summary>
    public DbSet<RightsChange> RightsChanges => Set<RightsChange>();

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
        RaiseLicenseRevisions();
        if (!AnnounceRightsChanges())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is not null)
        {
            // The caller's transaction: the lock is held until it commits, which is what commit order needs.
            await LockCommitOrderAsync(cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // NOTE: an identity value is drawn at insert but becomes visible at commit, so two writers on two replicas
        // could commit out of Sequence order and a reader of "Sequence > N" would skip the late one. Holding one
        // advisory lock from insert to commit makes Sequence order commit order, for Designs.Sequence and
        // RightsChanges.Sequence alike. The lock is held for one short write; the slow parts happen before it.
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await LockCommitOrderAsync(cancellationToken);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>The same as <see cref="SaveChangesAsync(bool, CancellationToken)"/>, for synchronous callers (the Data Protection key store).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RaiseLicenseRevisions();
        if (!AnnounceRightsChanges())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        if (Database.IsNpgsql())
        {
            Database.ExecuteSql($"SELECT pg_advisory_xact_lock({RegistrationOrderLock})");
        }

        var written = base.SaveChanges(acceptAllChangesOnSuccess);
        transaction?.Commit();
        return written;
    }

    /// <inheritdoc />
    public async Task<IDesignWriteLock> LockDesignAsync(string designId, CancellationToken cancellationToken)
    {
        // SQLite: BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) takes the database's single write lock at once,
        // so the reads that follow already run under it. PostgreSQL: a transaction-scoped advisory lock per design.
        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (Database.IsNpgsql())
            {
                await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({DesignLockKey(designId)})", cancellationToken);
            }

            return new DesignWriteLock(transaction);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>Designs whose rights changed in transactions of this context that have not committed yet.</summary>
    internal HashSet<string> UncommittedRightsChanges { get; } = new(StringComparer.Ordinal);

    /// <summary>Outbox messages the save under way added for its aggregates' domain events (<see cref="DomainEventOutbox"/>).</summary>
    internal List<(Domain.Common.AggregateRoot Aggregate, OutboxMessage Message)> ChainWorkInFlight { get; } = [];

    /// <summary>True when a save queued chain work inside a transaction that has not committed yet.</summary>
    internal bool ChainWorkUncommitted { get; set; }

    /// <summary>The advisory-lock key of a design: the same on every replica (never <see cref="string.GetHashCode()"/>).</summary>
    internal static long DesignLockKey(string designId) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("vfip/design-grants/" + designId)));

    // A changed licence (its own columns or an owned chain record) saves only if nobody saved it since it was read: the
    // UPDATE matches on the Revision it was read with, and a stale writer gets DbUpdateConcurrencyException.
    private void RaiseLicenseRevisions()
    {
        foreach (var entry in ChangeTracker.Entries<Domain.Licensing.License>())
        {
            var changed = entry.State == EntityState.Modified
                || (entry.State == EntityState.Unchanged
                    && entry.References.Any(r => r.TargetEntry is { State: EntityState.Added or EntityState.Modified or EntityState.Deleted }));
            if (changed)
            {
                var revision = entry.Property(l => l.Revision);
                revision.CurrentValue = revision.OriginalValue + 1;
            }
        }
    }

    // Every change to a design or a licence, by any writer, is announced on the rights change feed in its own
    // transaction (ADR 0014); this replica drops its snapshots once that transaction commits (RightsChangeCommitted).
    // True when the save must run in a transaction holding the commit-order lock.
    private bool AnnounceRightsChanges()
    {
        var rightsChanged = RightsChangeTracking.ChangedDesignIds(ChangeTracker);
        var designAdded = ChangeTracker.Entries<Design>().Any(e => e.State == EntityState.Added);
        if (rightsChanged.Count == 0)
        {
            return designAdded && Database.IsNpgsql();
        }

        RightsChanges.AddRange(rightsChanged.Select(RightsChange.Of));
        UncommittedRightsChanges.UnionWith(rightsChanged);
        return true;
    }

    private async Task LockCommitOrderAsync(CancellationToken cancellationToken)
    {
        if (Database.IsNpgsql())
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RegistrationOrderLock})", cancellationToken);
        }
    }

    private sealed class DesignWriteLock(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction) : IDesignWriteLock
    {
        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Domain events live until the save that turns them into outbox messages; they are never columns.
        builder.Entity<Design>().Ignore(d => d.DomainEvents);
        builder.Entity<Domain.Licensing.License>().Ignore(l => l.DomainEvents);
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
