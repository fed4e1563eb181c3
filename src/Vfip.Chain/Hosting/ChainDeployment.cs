using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Vfip.Chain.Signing;

namespace Vfip.Chain.Hosting;

/// <summary>
/// The <c>deploy</c> command: deploys DesignRegistry and the LicenseRegistry over it to the configured chain (signer = deployer = registrar,
/// <c>Chain:AdminAddress</c> or the signer as admin) and writes the deployment record the service reads.
/// Running it again is harmless: a recorded deployment that still has code on the chain is kept, and with
/// <c>Chain:RegistryAddress</c> set there is nothing to do. Returns the record, or null when none was needed.
/// </summary>
public sealed class ChainDeployment(
    IOptions<ChainOptions> options,
    ChainDataFolder dataFolder,
    ContractDeployer deployer,
    ILogger<ChainDeployment> logger)
{
    public async Task<DeploymentRecord?> RunAsync(CancellationToken cancellationToken)
    {
        var chain = options.Value;
        if (chain.IsEmbedded)
        {
            throw new InvalidOperationException(
                "deploy needs Chain:RpcUrl and Chain:ChainId; the embedded chain deploys its contracts itself on first start.");
        }

        var chainId = chain.ChainId ?? throw new InvalidOperationException("Chain:ChainId is required with Chain:RpcUrl.");
        var reported = (long)(await new Web3(chain.RpcUrl).Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken)).Value;
        if (reported != chainId)
        {
            throw new InvalidOperationException($"Chain:RpcUrl reports chain id {reported}, but Chain:ChainId is {chainId}.");
        }

        var recordPath = dataFolder.RecordPath(chain);
        if (chain.RegistryAddress is { Length: > 0 } configured)
        {
            // An existing deployment is configured (e.g. a public chain): docker-compose's deploy step has nothing to do.
            logger.LogInformation("Chain:RegistryAddress is set ({Address}); nothing to deploy", configured);
            return null;
        }

        var key = await SignerKeys.ResolveAsync(chain, cancellationToken);
        if (DeploymentRecord.Read(recordPath) is { } existing && existing.ChainId == chainId
            && await ChainHost.HasCodeAsync(chain.RpcUrl!, existing.RegistryAddress, cancellationToken))
        {
            if (existing.LicenseRegistryAddress is { Length: > 0 } licenses && await ChainHost.HasCodeAsync(chain.RpcUrl!, licenses, cancellationToken))
            {
                logger.LogInformation("DesignRegistry {Address} and LicenseRegistry {Licenses} are already deployed on chain {ChainId} ({Record}); nothing to do",
                    existing.RegistryAddress, licenses, chainId, recordPath);
                return existing;
            }

            // A record from before licences: add the LicenseRegistry over the same tokens.
            var added = await deployer.DeployLicenseRegistryAsync(
                chain.RpcUrl!, chainId, key, existing.RegistryAddress, cancellationToken, chain.Confirmations, chain.Fees);
            var upgraded = existing with { LicenseRegistryAddress = added.Address };
            upgraded.Write(recordPath);
            return upgraded;
        }

        var signer = new Account(key, chainId).Address;
        var deployed = await deployer.DeployDesignRegistryAsync(
            chain.RpcUrl!, chainId, key, chain.AdminAddress is { Length: > 0 } admin ? admin : signer, signer,
            cancellationToken, chain.Confirmations, chain.Fees);
        var licenseRegistry = await deployer.DeployLicenseRegistryAsync(
            chain.RpcUrl!, chainId, key, deployed.Address, cancellationToken, chain.Confirmations, chain.Fees);
        var record = new DeploymentRecord(
            chainId, deployed.Address, deployed.DeploymentBlock, deployed.TxHash, DateTime.UtcNow, licenseRegistry.Address);
        record.Write(recordPath);
        logger.LogInformation(
            "Deployment record written to {Record}. The service reads it from there (Chain:DeploymentRecord), or set Chain__RegistryAddress={Address}, Chain__LicenseRegistryAddress={Licenses} and Chain__DeploymentBlock={Block}",
            recordPath, record.RegistryAddress, record.LicenseRegistryAddress, record.DeploymentBlock);
        return record;
    }
}
