using Vfip.Application.Common.Abstractions;

namespace Vfip.Infrastructure.Background.Outbox;

/// <summary>An auto-reset wake-up for the outbox sender; many notifications before a wait count as one.</summary>
internal sealed class OutboxSignal : IOutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the sender will look once and find everything.
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
