namespace Vfip.Application.Common;

/// <summary>
/// Serialises the check-then-commit step of registrations in this process, so two near-identical uploads
/// by different owners cannot both pass the prior-art check before either is indexed.
/// </summary>
/// <remarks>
/// NOTE: this settles races within one process only. Across replicas, the exact-content case is settled by
/// the database's unique index and the chain; near-identical uploads racing on two replicas are settled by
/// the chain order of their anchoring (see docs/decisions).
/// </remarks>
internal sealed class RegistrationGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Exit(_gate);
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
