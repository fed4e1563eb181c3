using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace Vfip.Chain;

/// <summary>Receipt polling that honours cancellation and confirmation depth (Nethereum's own polling does neither).</summary>
internal static class TransactionReceipts
{
    /// <summary>
    /// Waits until <paramref name="txHash"/> is mined and its block is <paramref name="confirmations"/> deep
    /// (1 = the receipt's block itself). If a reorg drops or moves the transaction while waiting, waiting
    /// starts over on the new receipt, so the returned receipt is the one that has the confirmations.
    /// </summary>
    public static async Task<TransactionReceipt> WaitAsync(
        IWeb3 web3, string txHash, int confirmations, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var receipt = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            if (receipt?.BlockNumber is null)
            {
                await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (confirmations <= 1)
            {
                return receipt;
            }

            var target = receipt.BlockNumber.Value + confirmations - 1;
            while (true)
            {
                var latest = await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
                if (latest.Value >= target)
                {
                    break;
                }

                await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
            }

            // Re-read: if the block that held the receipt was reorged away, the hash or block differs now.
            var again = await web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            if (again?.BlockHash is not null && again.BlockHash == receipt.BlockHash)
            {
                return again;
            }
        }
    }

    public static bool Succeeded(this TransactionReceipt receipt) =>
        receipt.Status is HexBigInteger status && status.Value == 1;
}
