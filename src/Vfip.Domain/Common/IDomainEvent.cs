namespace Vfip.Domain.Common;

/// <summary>
/// Something that happened to an aggregate and needs work beyond its own transaction (today: a transaction on chain).
/// Aggregates raise events from the state changes that need it; the store turns each into an outbox message in the
/// same transaction as the change, so the work is never lost and never done for a change that was not saved.
/// </summary>
/// <remarks>An event names its aggregate; the work reads the aggregate's state when it runs, not a copy taken here.</remarks>
public interface IDomainEvent;
