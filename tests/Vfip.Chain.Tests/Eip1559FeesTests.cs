using System.Numerics;

namespace Vfip.Chain.Tests;

public sealed class Eip1559FeesTests
{
    private static readonly BigInteger Gwei = 1_000_000_000;

    [Fact]
    public void Compute_OffersTwiceTheBaseFeePlusTheTip()
    {
        var (maxFee, tip) = Eip1559Fees.Compute(10 * Gwei, new FeeOptions { MaxPriorityFeePerGasGwei = 1.5m });

        Assert.Equal(1_500_000_000, tip);
        Assert.Equal((20 * Gwei) + 1_500_000_000, maxFee);
    }

    [Fact]
    public void Compute_NeverOffersMoreThanTheCap_NorATipAboveIt()
    {
        var (maxFee, tip) = Eip1559Fees.Compute(100 * Gwei, new FeeOptions { MaxPriorityFeePerGasGwei = 5m, MaxFeePerGasGwei = 3m });

        Assert.Equal(3 * Gwei, maxFee);
        Assert.Equal(3 * Gwei, tip);
    }

    [Fact]
    public void Compute_KeepsSubGweiTipsExact()
    {
        var (_, tip) = Eip1559Fees.Compute(0, new FeeOptions { MaxPriorityFeePerGasGwei = 0.001m });

        Assert.Equal(1_000_000, tip);
    }
}
