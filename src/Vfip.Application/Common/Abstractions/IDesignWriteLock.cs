namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// A database transaction holding a lock on one design's grants (<see cref="IVfipDbContext.LockDesignAsync"/>,
/// ADR 0015): a check read inside it and the insert it allows commit as one step, whichever replica runs them.
/// Disposing without <see cref="CommitAsync"/> rolls back.
/// </summary>
public interface IDesignWriteLock : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
