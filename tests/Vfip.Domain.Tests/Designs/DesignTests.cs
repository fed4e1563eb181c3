using Vfip.Domain.Common;
using Vfip.Domain.Designs;

namespace Vfip.Domain.Tests.Designs;

public sealed class DesignTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Register_StartsPendingWithNormalisedTagsAndTheContentHashOfItsImages()
    {
        var design = NewDesign(tags: ["Silk ", "silk", "", "Bomber"]);

        Assert.Equal(DesignStatus.Pending, design.Status);
        Assert.Equal(["silk", "bomber"], design.Tags);
        Assert.Equal("0x" + Convert.ToHexStringLower(ContentHash.Compute(design.Images.Select(i => Convert.FromHexString(i.Sha256)))), design.ContentHash);
        Assert.Null(design.Chain);
    }

    [Fact]
    public void Register_RendersTheMetadataOfTheDesignAsBuiltOnce_AndHashesTheBytesItReturns()
    {
        var rendered = new List<Design>();

        var (design, metadata) = Design.Register("d1", "u1", "0x803275140077727b9842E805C624325873f029A5", " Bomber ", null, DesignCategory.Outerwear,
            ["Silk "], [Image(1, 'b'), Image(0, 'a')], d =>
            {
                rendered.Add(d);
                return System.Text.Encoding.UTF8.GetBytes($"{d.Title}|{string.Join(",", d.Tags)}|{d.Images[0].Sha256[0]}|{d.ContentHash}");
            }, Now);

        Assert.Same(design, Assert.Single(rendered));
        Assert.Equal($"Bomber|silk|a|{design.ContentHash}", System.Text.Encoding.UTF8.GetString(metadata));
        Assert.Equal("0x" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(metadata)), design.MetadataHash);
    }

    [Fact]
    public void Register_WithTheSameImageTwice_IsRefused()
    {
        var image = Image(0, 'a');

        var error = Assert.Throws<DomainException>(() => NewDesign(images: [image, image with { Index = 1 }]));

        Assert.Equal("duplicate_image", error.Code);
    }

    [Fact]
    public void Register_WithoutTitleOrImages_IsRefused()
    {
        Assert.Equal("invalid_title", Assert.Throws<DomainException>(() => NewDesign(title: " ")).Code);
        Assert.Equal("images_required", Assert.Throws<DomainException>(() => NewDesign(images: [])).Code);
    }

    [Fact]
    public void MarkAnchored_RecordsTheChainAndCanHappenOnlyOnce()
    {
        var design = NewDesign();
        var record = new ChainRecord(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "42", "0xabc", 7, 1);

        design.MarkAnchored(record, Now);

        Assert.Equal(DesignStatus.Anchored, design.Status);
        Assert.Equal(record, design.Chain);
        Assert.Equal(Now, design.AnchoredAt);
        Assert.Equal("design_not_pending", Assert.Throws<DomainException>(() => design.MarkAnchored(record, Now)).Code);
        Assert.Equal("design_not_pending", Assert.Throws<DomainException>(() => design.Reject("late")).Code);
    }

    [Fact]
    public void Reject_KeepsTheReasonAndBlocksAnchoring()
    {
        var design = NewDesign();

        design.Reject("owned on chain by someone else");

        Assert.Equal(DesignStatus.Rejected, design.Status);
        Assert.Equal("owned on chain by someone else", design.RejectionReason);
        Assert.Throws<DomainException>(() => design.MarkAnchored(new ChainRecord(1, "0x0", "1", "0x1", 1, 0), Now));
    }

    [Fact]
    public void Transfer_ChangesTheOwnerOnlyWhenTheChainHasMovedTheToken()
    {
        var design = NewDesign();
        Assert.Equal("design_not_anchored", Assert.Throws<DomainException>(() => design.RequestTransfer("u2", "0x0000000000000000000000000000000000000002")).Code);
        design.MarkAnchored(new ChainRecord(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "42", "0xabc", 7, 1), Now);
        Assert.Equal("transfer_to_self", Assert.Throws<DomainException>(() => design.RequestTransfer("u1", design.OwnerAddress.ToLowerInvariant())).Code);

        design.RequestTransfer("u2", "0x0000000000000000000000000000000000000002");

        Assert.Equal("u1", design.OwnerUserId);
        Assert.Equal("transfer_pending", Assert.Throws<DomainException>(() => design.RequestTransfer("u3", "0x0000000000000000000000000000000000000003")).Code);
        var moved = new ChainRecord(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "42", "0xdef", 9, 0);
        design.CompleteTransfer(moved);
        Assert.Equal(("u2", "0x0000000000000000000000000000000000000002"), (design.OwnerUserId, design.OwnerAddress));
        Assert.Equal(moved, design.LastTransfer);
        Assert.Null(design.TransferToAddress);
        Assert.Equal("no_transfer_pending", Assert.Throws<DomainException>(() => design.CompleteTransfer(moved)).Code);
    }

    [Fact]
    public void ObserveDerivativeLink_AddsANewParentOnce_AndAnchorsTheLineageOfAnOriginal()
    {
        var design = NewDesign();
        var parent = new DerivativeParent("p1", "77");

        Assert.True(design.ObserveDerivativeLink(parent, Now));
        Assert.False(design.ObserveDerivativeLink(parent, Now.AddHours(1)));

        Assert.Equal([parent], design.Parents);
        Assert.Equal(Now, design.LineageAnchoredAt);
    }

    [Fact]
    public void Register_AnOriginal_HasNoParentsNorRoyalty_AndNoLineageToAnchor()
    {
        var design = NewDesign();

        Assert.Empty(design.Parents);
        Assert.Null(design.RoyaltySplits);
        Assert.Null(design.Royalty);
        Assert.Equal("not_a_derivative", Assert.Throws<DomainException>(() => design.MarkLineageAnchored(Now)).Code);
    }

    [Fact]
    public void Register_ADerivativeWithARoyalty_KeepsItsParentsAndCheckedSplits()
    {
        var parents = new List<DerivativeParent> { new("p1", "77"), new("p2", "78") };
        var royalty = new Royalty(500, [new RoyaltySplit(" u1 ", 60m, "designer"), new RoyaltySplit("0x0000000000000000000000000000000000000002", 40m, " texture ")]);

        var design = Design.Register("d1", "u1", "0x803275140077727b9842E805C624325873f029A5", "Bomber", null, DesignCategory.Outerwear,
            [], [Image(0, 'a')], _ => [1], Now, royalty: royalty, parents: parents).Design;
        parents.Add(new DerivativeParent("p3", "79")); // the caller's list is not the design's

        Assert.Equal([new DerivativeParent("p1", "77"), new DerivativeParent("p2", "78")], design.Parents);
        Assert.Equal([new RoyaltySplit("u1", 60m, "designer"), new RoyaltySplit("0x0000000000000000000000000000000000000002", 40m, "texture")], design.RoyaltySplits!);
        Assert.Equal(500, design.Royalty!.Bps);
        Assert.Equal(design.RoyaltySplits, design.Royalty.Splits);

        design.MarkLineageAnchored(Now);
        Assert.Equal(Now, design.LineageAnchoredAt);
    }

    private static DesignImage Image(int index, char fill) =>
        new(index, new string(fill, 64), new string('0', 64), 100, 10, 10, "image/png", 100, [1, 2, 3]);

    private static Design NewDesign(string title = "Bomber", IEnumerable<string>? tags = null, IReadOnlyList<DesignImage>? images = null) =>
        Design.Register("d1", "u1", "0x803275140077727b9842E805C624325873f029A5", title, null, DesignCategory.Outerwear,
            tags ?? [], images ?? [Image(0, 'a'), Image(1, 'b')], _ => [1], Now).Design;
}
