namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// Wakes the outbox sender after a commit, so work is picked up at once instead of at the next poll.
/// Only a hint: the sender also polls, so a lost signal delays work but never loses it.
/// </summary>
public interface IOutboxSignal
{
    void Notify();
}
