using Vfip.Domain.Designs;

namespace Vfip.Domain.Tests.Designs;

/// <summary>A design raises an event exactly when a state change needs a transaction on chain.</summary>
public sealed class DesignEventTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ChainRecord Record = new(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "42", "0xabc", 7, 1);
    private static readonly DerivativeParent Parent = new("p1", "77");

    [Fact]
    public void Register_ByACustodialOwner_IsReadyToAnchorAtOnce()
    {
        var design = NewDesign();

        Assert.Equal([new DesignReadyToAnchor("d1")], design.DomainEvents);
    }

    [Fact]
    public void Register_ByAWalletOwner_RaisesNothingUntilTheOwnerSigns()
    {
        var design = NewDesign(signatureDeadline: Now.AddHours(1));
        Assert.Empty(design.DomainEvents);

        design.AcceptOwnerSignature("0xsig", Now);

        Assert.Equal([new DesignReadyToAnchor("d1")], design.DomainEvents);
    }

    [Fact]
    public void ADerivativeHeldForApproval_IsReadyToAnchorOnlyOnceEveryParentApproved()
    {
        var second = new DerivativeParent("p2", "78");
        var design = NewDesign(parents: [Parent, second], approvals: [Parent, second]);
        Assert.Empty(design.DomainEvents);

        design.DecideApproval(Parent.DesignId, approve: true, null, "u9", Now, TimeSpan.FromHours(1));
        Assert.Empty(design.DomainEvents);
        design.DecideApproval(second.DesignId, approve: true, null, "u8", Now, TimeSpan.FromHours(1));

        Assert.Equal([new DesignReadyToAnchor("d1")], design.DomainEvents);
    }

    [Fact]
    public void MarkAnchored_QueuesTheLineageOfADerivativeOnly()
    {
        var original = NewDesign();
        var derivative = NewDesign(parents: [Parent]);
        original.ClearDomainEvents();
        derivative.ClearDomainEvents();

        original.MarkAnchored(Record, Now);
        derivative.MarkAnchored(Record, Now);

        Assert.Empty(original.DomainEvents);
        Assert.Equal([new LineageReadyToAnchor("d1")], derivative.DomainEvents);
    }

    [Fact]
    public void RequestTransfer_QueuesTheTransfer_AndClearingForgetsIt()
    {
        var design = NewDesign();
        design.MarkAnchored(Record, Now);
        design.ClearDomainEvents();

        design.RequestTransfer("u2", "0x0000000000000000000000000000000000000002");

        Assert.Equal([new DesignTransferRequested("d1")], design.DomainEvents);
        design.ClearDomainEvents();
        Assert.Empty(design.DomainEvents);
    }

    private static Design NewDesign(
        DateTime? signatureDeadline = null, IReadOnlyList<DerivativeParent>? parents = null, IReadOnlyCollection<DerivativeParent>? approvals = null) =>
        Design.Register("d1", "u1", "0x803275140077727b9842E805C624325873f029A5", "Bomber", null, DesignCategory.Outerwear, [],
            [new DesignImage(0, new string('a', 64), new string('0', 64), 100, 10, 10, "image/png", 100, [1, 2, 3])],
            _ => [1], Now, signatureDeadline, parents: parents, approvalsRequired: approvals).Design;
}
