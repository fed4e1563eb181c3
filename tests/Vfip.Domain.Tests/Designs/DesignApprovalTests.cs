using Vfip.Domain.Common;
using Vfip.Domain.Designs;

namespace Vfip.Domain.Tests.Designs;

/// <summary>The held-derivative branch of a design's state machine: awaiting_approval → pending, or → rejected.</summary>
public sealed class DesignApprovalTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, 500, DateTimeKind.Utc);
    private static readonly DerivativeParent First = new("p1", "11");
    private static readonly DerivativeParent Second = new("p2", "22");

    [Fact]
    public void Register_WithApprovalsRequired_IsHeld_UntilEveryParentsOwnerApproves()
    {
        var design = NewDesign([First, Second], [First, Second]);

        Assert.Equal(DesignStatus.AwaitingApproval, design.Status);
        design.DecideApproval("p1", approve: true, null, "owner1", Now, TimeSpan.FromDays(1));
        Assert.Equal(DesignStatus.AwaitingApproval, design.Status);
        design.DecideApproval("p2", approve: true, "fine", "owner2", Now, TimeSpan.FromDays(1));

        Assert.Equal(DesignStatus.Pending, design.Status);
        Assert.All(design.Approvals, a => Assert.Equal(DerivativeApprovalStatus.Approved, a.Status));
        Assert.Equal("approval_already_decided", Assert.Throws<DomainException>(() => design.DecideApproval("p1", false, "no", "owner1", Now, TimeSpan.Zero)).Code);
    }

    [Fact]
    public void OneRefusal_RejectsTheDerivative_WithItsReason_AndClosesTheOtherApprovals()
    {
        var design = NewDesign([First, Second], [First, Second]);

        Assert.Equal("reason_required", Assert.Throws<DomainException>(() => design.DecideApproval("p1", false, " ", "owner1", Now, TimeSpan.Zero)).Code);
        design.DecideApproval("p1", approve: false, "not this one", "owner1", Now, TimeSpan.Zero);

        Assert.Equal(DesignStatus.Rejected, design.Status);
        Assert.Contains("not this one", design.RejectionReason, StringComparison.Ordinal);
        Assert.Equal("approval_already_decided", Assert.Throws<DomainException>(() => design.DecideApproval("p2", true, null, "owner2", Now, TimeSpan.Zero)).Code);
        Assert.Equal("approval_not_found", Assert.Throws<DomainException>(() => design.DecideApproval("p3", true, null, "owner3", Now, TimeSpan.Zero)).Code);
    }

    [Fact]
    public void WalletOwnedDerivative_OnceApproved_AwaitsItsOwnersSignature_WithADeadlineFromTheApproval()
    {
        var design = NewDesign([First], [First], deadline: Now.AddMinutes(1));

        design.DecideApproval("p1", approve: true, null, "owner1", Now.AddDays(3), TimeSpan.FromHours(1));

        Assert.Equal(DesignStatus.AwaitingSignature, design.Status);
        Assert.Equal(new DateTime(2026, 11, 29, 13, 0, 0, DateTimeKind.Utc), design.SignatureDeadline);
    }

    [Fact]
    public void Register_WithoutApprovals_IsNotHeld_AndAnApprovalOfNoParentIsRefused()
    {
        Assert.Equal(DesignStatus.Pending, NewDesign([First], []).Status);
        Assert.Equal("invalid_parents", Assert.Throws<DomainException>(() => NewDesign([First], [Second])).Code);
    }

    private static Design NewDesign(DerivativeParent[] parents, DerivativeParent[] approvals, DateTime? deadline = null) =>
        Design.Register("d1", "u1", "0x803275140077727b9842E805C624325873f029A5", "Remix", null, DesignCategory.Dress, [],
            [new DesignImage(0, new string('a', 64), new string('0', 64), 100, 10, 10, "image/png", 100, [1])],
            _ => [1], Now, deadline, parents: parents, approvalsRequired: approvals).Design;
}
