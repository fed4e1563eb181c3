using System.Numerics;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Api.Tests.Support;

/// <summary>Reads the chain directly, as a platform checking VFIP's proof would: no VFIP code in between.</summary>
internal sealed class ChainProbe(string rpcUrl, string registryAddress)
{
    private readonly Web3 _web3 = new(rpcUrl);

    public Task<string> OwnerOfAsync(string tokenId) =>
        _web3.Eth.GetContractQueryHandler<OwnerOfFunction>()
            .QueryAsync<string>(registryAddress, new OwnerOfFunction { TokenId = BigInteger.Parse(tokenId, System.Globalization.CultureInfo.InvariantCulture) });

    public async Task<int> BalanceOfAsync(string owner) =>
        (int)await _web3.Eth.GetContractQueryHandler<BalanceOfFunction>()
            .QueryAsync<BigInteger>(registryAddress, new BalanceOfFunction { Owner = owner });

    public Task<TransactionReceipt> ReceiptAsync(string txHash) => _web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash);

    /// <summary>Every DesignRegistered event the registry ever emitted for this token.</summary>
    public async Task<IReadOnlyList<EventLog<DesignRegisteredEventDTO>>> RegistrationsOfAsync(string tokenId)
    {
        var registered = _web3.Eth.GetEvent<DesignRegisteredEventDTO>(registryAddress);
        var filter = registered.CreateFilterInput(
            BigInteger.Parse(tokenId, System.Globalization.CultureInfo.InvariantCulture),
            new BlockParameter(0),
            BlockParameter.CreateLatest());
        return await registered.GetAllChangesAsync(filter);
    }
}
