using Microsoft.EntityFrameworkCore;
using Vfip.Application.Common.Outbox;
using Vfip.Domain.Designs;

namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// The working store as use cases see it. Handlers query and change it directly (no repository layer):
/// EF Core already is the unit of work.
/// </summary>
public interface IVfipDbContext
{
    DbSet<Design> Designs { get; }

    DbSet<OutboxMessage> OutboxMessages { get; }

    /// <summary>Terms owners publish on their designs.</summary>
    DbSet<Domain.Licensing.LicenseOffer> LicenseOffers { get; }

    /// <summary>Licences (grants) and sublicences, mirrored from the chain.</summary>
    DbSet<Domain.Licensing.License> Licenses { get; }

    /// <summary>Named leases that elect one process of a deployment for a job (see <see cref="Leases.Lease"/>).</summary>
    DbSet<Leases.Lease> Leases { get; }

    /// <summary>Where the chain indexer stands in each contract's events (see <see cref="Indexing.ChainCursor"/>).</summary>
    DbSet<Indexing.ChainCursor> ChainCursors { get; }

    /// <summary>Platform API keys (hashes only) issued by admins.</summary>
    DbSet<Domain.Accounts.PlatformKey> PlatformKeys { get; }

    /// <summary>Self-custody addresses users linked with Sign-In with Ethereum.</summary>
    DbSet<Domain.Accounts.LinkedWallet> LinkedWallets { get; }

    /// <summary>Outstanding Sign-In with Ethereum nonces (deleted when used).</summary>
    DbSet<Domain.Accounts.WalletNonce> WalletNonces { get; }

    /// <summary>Security events admins can read.</summary>
    DbSet<Domain.Accounts.AuditEvent> AuditEvents { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>True when the exception is a unique-index violation (the provider's own error code).</summary>
    bool IsUniqueViolation(DbUpdateException exception);

    /// <summary>
    /// Begins a transaction that holds the design's write lock until it commits or is disposed: reads made after this
    /// see every grant committed before, and no other holder of the lock (on any replica) gets in between (ADR 0015).
    /// </summary>
    Task<IDesignWriteLock> LockDesignAsync(string designId, CancellationToken cancellationToken);
}
