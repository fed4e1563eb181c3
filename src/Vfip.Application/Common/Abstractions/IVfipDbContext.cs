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

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>True when the exception is a unique-index violation (the provider's own error code).</summary>
    bool IsUniqueViolation(DbUpdateException exception);
}
