using MediatR;
using Vfip.Application.Features.Designs;
using Vfip.Application.Features.Licensing;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Application.Common.Outbox;

/// <summary>
/// The one table of work that must reach the chain: which domain event queues which outbox message, and which use
/// case performs that message. The store writes the message in the same transaction as the change that raised the
/// event; the outbox sender claims it and sends <see cref="CommandFor"/>. Adding chain work is one event raised by an
/// aggregate, one row here, and one use case.
/// </summary>
public static class ChainWork
{
    private static readonly Route[] Routes =
    [
        Route.For<DesignReadyToAnchor>(OutboxMessageTypes.AnchorDesign, e => e.DesignId, m => new AnchorDesign.Command(m.Subject, m.CreatedAt)),
        Route.For<LineageReadyToAnchor>(OutboxMessageTypes.LinkDerivative, e => e.DesignId, m => new AnchorDerivativeLinks.Command(m.Subject)),
        Route.For<DesignTransferRequested>(OutboxMessageTypes.TransferDesign, e => e.DesignId, m => new AnchorDesignTransfer.Command(m.Subject)),
        Route.For<LicenseGrantQueued>(OutboxMessageTypes.GrantLicense, e => e.LicenseId, m => new AnchorLicenseGrant.Command(m.Subject)),
        Route.For<LicenseRevocationQueued>(OutboxMessageTypes.RevokeLicense, e => e.LicenseId, m => new AnchorLicenseRevocation.Command(m.Subject)),
    ];

    private static readonly Dictionary<Type, Route> ByEvent = Routes.ToDictionary(r => r.Event);

    private static readonly Dictionary<string, Route> ByType = Routes.ToDictionary(r => r.MessageType, StringComparer.Ordinal);

    /// <summary>Every message type the table knows.</summary>
    public static IReadOnlyCollection<string> MessageTypes => ByType.Keys;

    /// <summary>The outbox message that carries <paramref name="domainEvent"/>'s work, due at <paramref name="now"/>.</summary>
    /// <exception cref="InvalidOperationException">No row names the event's type: every event an aggregate raises needs one.</exception>
    public static OutboxMessage MessageFor(IDomainEvent domainEvent, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var route = ByEvent.GetValueOrDefault(domainEvent.GetType())
            ?? throw new InvalidOperationException($"No chain work is routed for {domainEvent.GetType().Name}; add it to {nameof(ChainWork)}.");
        return OutboxMessage.Create(route.MessageType, route.SubjectOf(domainEvent), now);
    }

    /// <summary>The use case that performs <paramref name="message"/>.</summary>
    /// <exception cref="InvalidOperationException">The message's type is unknown (written by a newer or older version).</exception>
    public static IRequest CommandFor(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var route = ByType.GetValueOrDefault(message.Type)
            ?? throw new InvalidOperationException($"Unknown outbox message type '{message.Type}'.");
        return route.Perform(message);
    }

    private sealed record Route(Type Event, string MessageType, Func<IDomainEvent, string> SubjectOf, Func<OutboxMessage, IRequest> Perform)
    {
        public static Route For<TEvent>(string messageType, Func<TEvent, string> subjectOf, Func<OutboxMessage, IRequest> perform)
            where TEvent : IDomainEvent =>
            new(typeof(TEvent), messageType, e => subjectOf((TEvent)e), perform);
    }
}
