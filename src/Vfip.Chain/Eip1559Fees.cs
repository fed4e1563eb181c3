using System.Numerics;
using Nethereum.Contracts.CQS;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Vfip.Chain;

/// <summary>Sets EIP-1559 fees on a message from the latest base fee and <see cref="FeeOptions"/>.</summary>
internal static class Eip1559Fees
{
    private static readonly BigInteger Gwei = BigInteger.Pow(10, 9);

    public static async Task ApplyAsync(IWeb3 web3, FeeOptions options, ContractMessageBase message, CancellationToken cancellationToken)
    {
        var latest = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest())
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var (maxFee, tip) = Compute(latest?.BaseFeePerGas?.Value ?? BigInteger.Zero, options);
        message.MaxFeePerGas = maxFee;
        message.MaxPriorityFeePerGas = tip;
    }

    /// <summary>maxFee = min(multiplier × baseFee + tip, cap); the tip never exceeds maxFee.</summary>
    public static (BigInteger MaxFee, BigInteger Tip) Compute(BigInteger baseFee, FeeOptions options)
    {
        var tip = ToWei(options.MaxPriorityFeePerGasGwei);
        var maxFee = (baseFee * ToWei(options.BaseFeeMultiplier) / Gwei) + tip;
        if (options.MaxFeePerGasGwei is { } cap)
        {
            maxFee = BigInteger.Min(maxFee, ToWei(cap));
        }

        return (maxFee, BigInteger.Min(tip, maxFee));
    }

    // decimal → wei without floating point: gwei values like 0.001 stay exact.
    private static BigInteger ToWei(decimal gwei) => new(decimal.Truncate(gwei * 1_000_000_000m));
}
