namespace Vfip.Domain.Common;

/// <summary>
/// An entity that guards its own state changes and records the <see cref="IDomainEvent"/>s they raise until the
/// store has saved them (as outbox messages, in the same transaction as the change).
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _domainEvents = [];

    /// <summary>Events raised since the aggregate was loaded or last saved; not persisted as such.</summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    /// <summary>Called by the store once the events are part of a committed save.</summary>
    public void ClearDomainEvents() => _domainEvents.Clear();

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);
}
