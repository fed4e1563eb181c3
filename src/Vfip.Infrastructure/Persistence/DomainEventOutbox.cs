using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vfip.Application.Common.Abstractions;
using Vfip.Application.Common.Outbox;
using Vfip.Domain.Common;

namespace Vfip.Infrastructure.Persistence;

/// <summary>
/// Turns the domain events of the aggregates a save touches into outbox messages (<see cref="ChainWork"/>) in that same
/// save, so a state change and the chain work it needs commit together or not at all, and wakes the outbox sender once
/// they are committed (after the caller's transaction, when there is one; a wake-up before the commit would find nothing).
/// A failed save takes its messages back and keeps the events, so a retried save queues them again.
/// </summary>
internal sealed class DomainEventOutbox(TimeProvider clock, IOutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Queue(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Queue(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => TakeBack(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TakeBack(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Queue(DbContext? context)
    {
        if (context is not VfipDbContext db)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var aggregate in db.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList())
        {
            foreach (var domainEvent in aggregate.DomainEvents)
            {
                var message = ChainWork.MessageFor(domainEvent, now);
                db.OutboxMessages.Add(message);
                db.ChainWorkInFlight.Add((aggregate, message));
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not VfipDbContext { ChainWorkInFlight.Count: > 0 } db)
        {
            return;
        }

        foreach (var aggregate in db.ChainWorkInFlight.Select(w => w.Aggregate).Distinct())
        {
            aggregate.ClearDomainEvents();
        }

        db.ChainWorkInFlight.Clear();
        if (db.Database.CurrentTransaction is null)
        {
            signal.Notify();
        }
        else
        {
            db.ChainWorkUncommitted = true;
        }
    }

    private static void TakeBack(DbContext? context)
    {
        if (context is not VfipDbContext { ChainWorkInFlight.Count: > 0 } db)
        {
            return;
        }

        foreach (var (_, message) in db.ChainWorkInFlight)
        {
            db.Entry(message).State = EntityState.Detached;
        }

        db.ChainWorkInFlight.Clear();
    }

    private void Committed(DbContext? context)
    {
        if (context is VfipDbContext { ChainWorkUncommitted: true } db)
        {
            db.ChainWorkUncommitted = false;
            signal.Notify();
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is VfipDbContext db)
        {
            db.ChainWorkUncommitted = false;
        }
    }
}
