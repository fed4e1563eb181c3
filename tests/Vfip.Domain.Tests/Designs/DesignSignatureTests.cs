using Vfip.Domain.Common;
using Vfip.Domain.Designs;

namespace Vfip.Domain.Tests.Designs;

/// <summary>The wallet-owned branch of a design's state machine: awaiting_signature → pending → anchored.</summary>
public sealed class DesignSignatureTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, 500, DateTimeKind.Utc);
    private const string Signature = "0xsigned";

    [Fact]
    public void Register_WithADeadline_AwaitsTheOwnersSignature_WithTheDeadlineInWholeSeconds()
    {
        var design = NewDesign(Now.AddDays(1));

        Assert.Equal(DesignStatus.AwaitingSignature, design.Status);
        Assert.True(design.SignedByOwner);
        Assert.Equal(new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc), design.SignatureDeadline);
        Assert.Equal("design_not_pending", Assert.Throws<DomainException>(() => design.MarkAnchored(Record(), Now)).Code);
    }

    [Fact]
    public void AcceptOwnerSignature_MovesToPendingOnce_ThenTheChainDecides()
    {
        var design = NewDesign(Now.AddDays(1));

        design.AcceptOwnerSignature(Signature, Now);
        design.MarkAnchored(Record(), Now);

        Assert.Equal(DesignStatus.Anchored, design.Status);
        Assert.Equal(Signature, design.OwnerSignature);
        Assert.Equal("design_not_awaiting_signature", Assert.Throws<DomainException>(() => design.AcceptOwnerSignature(Signature, Now)).Code);
    }

    [Fact]
    public void AcceptOwnerSignature_AfterTheDeadline_IsRefused()
    {
        var design = NewDesign(Now.AddMinutes(1));

        Assert.Equal("signature_expired", Assert.Throws<DomainException>(() => design.AcceptOwnerSignature(Signature, Now.AddMinutes(2))).Code);
        Assert.Equal(DesignStatus.AwaitingSignature, design.Status);
    }

    [Fact]
    public void CustodialDesign_NeverAwaitsASignature()
    {
        var design = NewDesign(deadline: null);

        Assert.Equal(DesignStatus.Pending, design.Status);
        Assert.False(design.SignedByOwner);
        Assert.Equal("design_not_awaiting_signature", Assert.Throws<DomainException>(() => design.AcceptOwnerSignature(Signature, Now)).Code);
    }

    private static ChainRecord Record() => new(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "42", "0xabc", 7, 1);

    private static Design NewDesign(DateTime? deadline) =>
        Design.Register("d1", "u1", "0x803275140077727b9842E805C624325873f029A5", "Gown", null, DesignCategory.Dress, [],
            [new DesignImage(0, new string('a', 64), new string('0', 64), 100, 10, 10, "image/png", 100, [1])],
            _ => [1], Now, deadline).Design;
}
