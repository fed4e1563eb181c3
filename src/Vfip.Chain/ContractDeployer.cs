using Microsoft.Extensions.Logging;
using Nethereum.Util;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.Contracts.LicenseRegistry;

namespace Vfip.Chain;

/// <summary>Where a contract landed.</summary>
/// <param name="Address">EIP-55 contract address.</param>
/// <param name="DeploymentBlock">Block of the deployment transaction; event queries start here.</param>
/// <param name="TxHash">Deployment transaction hash, 0x lower-case hex.</param>
public sealed record DeployedContract(string Address, long DeploymentBlock, string TxHash);

/// <summary>
/// Deploys the VFIP contracts: used by the service on first start against the embedded anvil, and by tests.
/// </summary>
public sealed class ContractDeployer(ILogger<ContractDeployer> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Deploys DesignRegistry with <paramref name="adminAddress"/> as DEFAULT_ADMIN_ROLE and
    /// <paramref name="registrarAddress"/> as REGISTRAR_ROLE, signing with <paramref name="deployerKey"/>
    /// for <paramref name="chainId"/>, and waits for <paramref name="confirmations"/> blocks.
    /// </summary>
    public async Task<DeployedContract> DeployDesignRegistryAsync(
        string rpcUrl,
        long chainId,
        string deployerKey,
        string adminAddress,
        string registrarAddress,
        CancellationToken cancellationToken,
        int confirmations = 1,
        FeeOptions? fees = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rpcUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(deployerKey);
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(adminAddress) ||
            !AddressUtil.Current.IsValidEthereumAddressHexFormat(registrarAddress))
        {
            throw new ArgumentException("admin and registrar must be 0x-prefixed 20-byte hex addresses");
        }

        var web3 = new Web3(new Account(deployerKey, chainId), rpcUrl);
        var deployment = new DesignRegistryDeployment { Admin = adminAddress, Registrar = registrarAddress };
        await Eip1559Fees.ApplyAsync(web3, fees ?? new FeeOptions(), deployment, cancellationToken).ConfigureAwait(false);
        var handler = web3.Eth.GetContractDeploymentHandler<DesignRegistryDeployment>();
        var txHash = await handler.SendRequestAsync(deployment).WaitAsync(cancellationToken).ConfigureAwait(false);
        var receipt = await TransactionReceipts.WaitAsync(web3, txHash, confirmations, PollInterval, cancellationToken)
            .ConfigureAwait(false);
        if (!receipt.Succeeded() || string.IsNullOrEmpty(receipt.ContractAddress))
        {
            throw new ChainTransactionFailedException($"DesignRegistry deployment {txHash} failed", txHash, reason: null);
        }

        var deployed = new DeployedContract(
            receipt.ContractAddress.ConvertToEthereumChecksumAddress(),
            (long)receipt.BlockNumber.Value,
            txHash.ToLowerInvariant());
        logger.LogInformation(
            "DesignRegistry deployed at {Address} on chain {ChainId} in block {Block} ({TxHash}); admin {Admin}, registrar {Registrar}",
            deployed.Address, chainId, deployed.DeploymentBlock, deployed.TxHash, adminAddress, registrarAddress);
        return deployed;
    }

    /// <summary>
    /// Deploys LicenseRegistry over the DesignRegistry at <paramref name="designRegistryAddress"/> (it reads owners
    /// and the registrar role from there, so it needs no roles of its own) and waits for <paramref name="confirmations"/> blocks.
    /// </summary>
    public async Task<DeployedContract> DeployLicenseRegistryAsync(
        string rpcUrl,
        long chainId,
        string deployerKey,
        string designRegistryAddress,
        CancellationToken cancellationToken,
        int confirmations = 1,
        FeeOptions? fees = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rpcUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(deployerKey);
        if (!AddressUtil.Current.IsValidEthereumAddressHexFormat(designRegistryAddress))
        {
            throw new ArgumentException("the design registry must be a 0x-prefixed 20-byte hex address");
        }

        var web3 = new Web3(new Account(deployerKey, chainId), rpcUrl);
        var deployment = new LicenseRegistryDeployment { DesignRegistry = designRegistryAddress };
        await Eip1559Fees.ApplyAsync(web3, fees ?? new FeeOptions(), deployment, cancellationToken).ConfigureAwait(false);
        var txHash = await web3.Eth.GetContractDeploymentHandler<LicenseRegistryDeployment>().SendRequestAsync(deployment)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var receipt = await TransactionReceipts.WaitAsync(web3, txHash, confirmations, PollInterval, cancellationToken)
            .ConfigureAwait(false);
        if (!receipt.Succeeded() || string.IsNullOrEmpty(receipt.ContractAddress))
        {
            throw new ChainTransactionFailedException($"LicenseRegistry deployment {txHash} failed", txHash, reason: null);
        }

        var deployed = new DeployedContract(
            receipt.ContractAddress.ConvertToEthereumChecksumAddress(), (long)receipt.BlockNumber.Value, txHash.ToLowerInvariant());
        logger.LogInformation(
            "LicenseRegistry deployed at {Address} on chain {ChainId} in block {Block} ({TxHash}) over DesignRegistry {Designs}",
            deployed.Address, chainId, deployed.DeploymentBlock, deployed.TxHash, designRegistryAddress);
        return deployed;
    }
}
