using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vfip.Application.Features.Verification.Rules;

namespace Vfip.Infrastructure.Persistence;

/// <summary>
/// Drops this replica's rights snapshots of the designs a transaction changed, right after it commits (not before: a
/// snapshot read between the drop and the commit would be stale and kept). Rolled-back changes are forgotten.
/// </summary>
internal sealed class RightsChangeCommitted(RightsReadModel readModel) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private void Flush(TransactionEndEventData eventData)
    {
        if (eventData.Context is VfipDbContext { UncommittedRightsChanges: { Count: > 0 } changed })
        {
            readModel.Invalidate(changed);
            changed.Clear();
        }
    }

    private static void Forget(TransactionEndEventData eventData)
    {
        if (eventData.Context is VfipDbContext context)
        {
            context.UncommittedRightsChanges.Clear();
        }
    }
}
