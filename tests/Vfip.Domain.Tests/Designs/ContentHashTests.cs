using System.Security.Cryptography;
using Vfip.Domain.Designs;

namespace Vfip.Domain.Tests.Designs;

public sealed class ContentHashTests
{
    [Fact]
    public void Compute_IsSha256OfTheSortedConcatenatedDigests()
    {
        var a = SHA256.HashData("front"u8);
        var b = SHA256.HashData("back"u8);
        var sorted = a.AsSpan().SequenceCompareTo(b) < 0 ? a.Concat(b) : b.Concat(a);

        Assert.Equal(SHA256.HashData(sorted.ToArray()), ContentHash.Compute([a, b]));
    }

    [Fact]
    public void Compute_DoesNotDependOnImageOrder()
    {
        var digests = Enumerable.Range(0, 5).Select(i => SHA256.HashData([(byte)i])).ToArray();

        Assert.Equal(ContentHash.Compute(digests), ContentHash.Compute(digests.Reverse()));
    }

    [Fact]
    public void Compute_OfOneImage_IsTheHashOfItsDigestNotTheDigestItself()
    {
        var digest = SHA256.HashData("only"u8);

        Assert.Equal(SHA256.HashData(digest), ContentHash.Compute([digest]));
    }

    [Fact]
    public void Compute_RejectsNoImagesAndDigestsOfTheWrongLength()
    {
        Assert.Throws<ArgumentException>(() => ContentHash.Compute([]));
        Assert.Throws<ArgumentException>(() => ContentHash.Compute([new byte[31]]));
    }
}
