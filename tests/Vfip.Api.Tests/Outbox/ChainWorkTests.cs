using System.Reflection;
using MediatR;
using Vfip.Application.Common.Outbox;
using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Api.Tests.Outbox;

/// <summary>The one table of chain work: every event an aggregate can raise is routed, and every route has a use case.</summary>
public sealed class ChainWorkTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<IDomainEvent, string, Type> Routes => new()
    {
        { new DesignReadyToAnchor("d1"), OutboxMessageTypes.AnchorDesign, typeof(Application.Features.Designs.AnchorDesign.Command) },
        { new LineageReadyToAnchor("d1"), OutboxMessageTypes.LinkDerivative, typeof(Application.Features.Designs.AnchorDerivativeLinks.Command) },
        { new DesignTransferRequested("d1"), OutboxMessageTypes.TransferDesign, typeof(Application.Features.Designs.AnchorDesignTransfer.Command) },
        { new LicenseGrantQueued("7"), OutboxMessageTypes.GrantLicense, typeof(Application.Features.Licensing.AnchorLicenseGrant.Command) },
        { new LicenseRevocationQueued("7"), OutboxMessageTypes.RevokeLicense, typeof(Application.Features.Licensing.AnchorLicenseRevocation.Command) },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void AnEvent_BecomesItsMessage_AndTheMessageItsUseCase(IDomainEvent domainEvent, string messageType, Type command)
    {
        var message = ChainWork.MessageFor(domainEvent, Now);

        Assert.Equal(messageType, message.Type);
        Assert.Equal(domainEvent is LicenseGrantQueued or LicenseRevocationQueued ? "7" : "d1", message.Subject);
        Assert.Equal(Now, message.NextAttemptAt);
        Assert.IsType(command, ChainWork.CommandFor(message));
    }

    [Fact]
    public void EveryDomainEventTheDomainDeclares_IsRouted()
    {
        var declared = typeof(IDomainEvent).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IDomainEvent).IsAssignableFrom(t))
            .ToList();
        var routed = Routes.Select(row => row[0].GetType()).ToHashSet();

        Assert.NotEmpty(declared);
        Assert.All(declared, t => Assert.Contains(t, routed));
        Assert.Equal(declared.Count, ChainWork.MessageTypes.Count);
    }

    [Fact]
    public void AnAnchorDesignMessage_CarriesWhenItWasQueued()
    {
        var command = (Application.Features.Designs.AnchorDesign.Command)ChainWork.CommandFor(ChainWork.MessageFor(new DesignReadyToAnchor("d1"), Now));

        Assert.Equal(new Application.Features.Designs.AnchorDesign.Command("d1", Now), command);
    }

    [Fact]
    public void AnUnknownMessageType_IsAnError_NotSilence()
    {
        var message = ChainWork.MessageFor(new DesignReadyToAnchor("d1"), Now);
        typeof(OutboxMessage).GetProperty(nameof(OutboxMessage.Type))!.SetValue(message, "no_such_work");

        var error = Assert.Throws<InvalidOperationException>(() => ChainWork.CommandFor(message));

        Assert.Contains("no_such_work", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRoutedCommand_HasItsHandlerInTheApplication()
    {
        var handlers = typeof(ChainWork).Assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();

        Assert.All(Routes, row => Assert.Contains((Type)row[2], handlers));
    }
}
