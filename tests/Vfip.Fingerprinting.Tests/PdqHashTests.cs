namespace Vfip.Fingerprinting.Tests;

public sealed class PdqHashTests
{
    private const string Bridge = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";

    [Fact]
    public void Hex_RoundTrips_InLowerCase()
    {
        var hash = PdqHash.Parse(Bridge.ToUpperInvariant());

        Assert.Equal(Bridge, hash.ToHex());
        Assert.Equal(hash, PdqHash.Parse(hash.ToHex()));
    }

    [Fact]
    public void ToBytes_FollowsHexOrder_AndRoundTrips()
    {
        var hash = PdqHash.Parse(Bridge);

        var bytes = hash.ToBytes();

        Assert.Equal(Convert.FromHexString(Bridge), bytes);
        Assert.Equal(hash, PdqHash.FromBytes(bytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("d8f8")]
    [InlineData("0xd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b")]
    [InlineData("g8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    [InlineData(" 8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b220")]
    public void TryParse_RejectsAnythingButExactly64HexDigits(string text)
    {
        Assert.False(PdqHash.TryParse(text, out _));
        Assert.Throws<FormatException>(() => PdqHash.Parse(text));
    }

    [Fact]
    public void DistanceTo_CountsDifferingBits()
    {
        var zero = PdqHash.Parse(new string('0', 64));
        var ones = PdqHash.Parse(new string('f', 64));
        var hash = PdqHash.Parse(Bridge);

        Assert.Equal(0, hash.DistanceTo(hash));
        Assert.Equal(256, zero.DistanceTo(ones));
        Assert.Equal(hash.BitCount, hash.DistanceTo(zero));
        Assert.Equal(1, zero.DistanceTo(PdqHash.Parse("8" + new string('0', 63))));
    }

    [Fact]
    public void BitOrder_PutsBit255FirstInHex()
    {
        var top = PdqHash.Parse("8" + new string('0', 63));
        var bottom = PdqHash.Parse(new string('0', 63) + "1");

        Assert.True(top.GetBit(255));
        Assert.True(bottom.GetBit(0));
    }
}
