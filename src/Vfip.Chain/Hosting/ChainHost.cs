using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.Web3;
using Vfip.Chain.LocalChain;
using Vfip.Chain.Signing;

namespace Vfip.Chain.Hosting;

/// <summary>
/// Brings up the chain connection in the background. On the embedded default it launches anvil with its
/// state in the data folder, deploys the registry on first start and reuses it afterwards; with an RPC URL
/// it checks that the endpoint is the configured chain and that the registry is deployed there.
/// </summary>
internal sealed class ChainHost(
    IOptions<ChainOptions> options,
    ChainDataFolder dataFolder,
    ChainConnectionSource source,
    ContractDeployer deployer,
    ILogger<ChainHost> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private AnvilProcess? _anvil;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var chain = options.Value;
        try
        {
            var connection = chain.IsEmbedded
                ? await StartEmbeddedAsync(chain, stoppingToken)
                : await ConnectConfiguredAsync(chain, stoppingToken);
            source.Set(connection);
            logger.LogInformation("Chain ready: {Connection}", connection);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            logger.LogCritical(exception, "The chain could not be started; registrations stay pending until it is fixed");
            source.Fail(exception);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_anvil is not null)
        {
            // SIGTERM makes anvil write its state file, so the chain survives the restart.
            await _anvil.DisposeAsync();
            _anvil = null;
        }
    }

    private async Task<ChainConnection> StartEmbeddedAsync(ChainOptions chain, CancellationToken cancellationToken)
    {
        var binary = chain.AnvilPath is { Length: > 0 } configured
            ? configured
            : AnvilProcess.FindBinary(AppContext.BaseDirectory) ?? AnvilProcess.FindBinary(Directory.GetCurrentDirectory())
              ?? throw new InvalidOperationException(
                  "anvil was not found under contracts/node_modules. Run 'npm ci' in contracts/ (the README's set-up command does), or set Chain:AnvilPath.");

        var statePath = Path.Combine(dataFolder.Path, "anvil-state.json");
        _anvil = await AnvilProcess.StartAsync(new AnvilStartOptions(binary, chain.EmbeddedPort, statePath), logger, cancellationToken);

        var signer = DevelopmentKeys.Registrar.PrivateKey;
        var recordPath = dataFolder.RecordPath(chain);
        var record = DeploymentRecord.Read(recordPath);
        if (record is not null && await HasCodeAsync(_anvil.RpcUrl, record.RegistryAddress, cancellationToken))
        {
            logger.LogInformation("Reusing DesignRegistry {Address} from {Record}", record.RegistryAddress, recordPath);
            if (record.LicenseRegistryAddress is null)
            {
                // A data folder from before licences: add the LicenseRegistry over the same tokens.
                var licenses = await deployer.DeployLicenseRegistryAsync(
                    _anvil.RpcUrl, record.ChainId, DevelopmentKeys.Deployer.PrivateKey, record.RegistryAddress, cancellationToken, chain.Confirmations);
                record = record with { LicenseRegistryAddress = licenses.Address };
                record.Write(recordPath);
            }
        }
        else
        {
            if (record is not null)
            {
                // The record names a contract the chain does not have: the anvil state was lost or replaced.
                throw new InvalidOperationException(
                    $"{recordPath} names DesignRegistry {record.RegistryAddress}, but the local chain has no code there: its state " +
                    $"({statePath}) was lost. Restore it, or start with an empty data folder.");
            }

            var deployed = await deployer.DeployDesignRegistryAsync(
                _anvil.RpcUrl, AnvilStartOptionsDefaults.ChainId, DevelopmentKeys.Deployer.PrivateKey,
                DevelopmentKeys.Deployer.Address, DevelopmentKeys.Registrar.Address, cancellationToken, chain.Confirmations);
            var licenseRegistry = await deployer.DeployLicenseRegistryAsync(
                _anvil.RpcUrl, AnvilStartOptionsDefaults.ChainId, DevelopmentKeys.Deployer.PrivateKey, deployed.Address, cancellationToken, chain.Confirmations);
            record = new DeploymentRecord(
                AnvilStartOptionsDefaults.ChainId, deployed.Address, deployed.DeploymentBlock, deployed.TxHash, DateTime.UtcNow, licenseRegistry.Address);
            record.Write(recordPath);
        }

        return new ChainConnection(_anvil.RpcUrl, record.ChainId, record.RegistryAddress, record.DeploymentBlock, signer, chain.Confirmations)
        {
            Fees = chain.Fees,
            MaxLogBlockRange = chain.MaxLogBlockRange,
            LicenseRegistryAddress = record.LicenseRegistryAddress,
        };
    }

    private async Task<ChainConnection> ConnectConfiguredAsync(ChainOptions chain, CancellationToken cancellationToken)
    {
        var chainId = chain.ChainId ?? throw new InvalidOperationException("Chain:ChainId is required with Chain:RpcUrl.");
        var signer = await SignerKeys.ResolveAsync(chain, cancellationToken);
        var recordPath = dataFolder.RecordPath(chain);

        // A remote chain may be down when we start; keep trying rather than giving up on accepted work.
        while (true)
        {
            try
            {
                var web3 = new Web3(chain.RpcUrl);
                var reported = (long)(await web3.Eth.ChainId.SendRequestAsync()).Value;
                if (reported != chainId)
                {
                    throw new InvalidOperationException($"Chain:RpcUrl reports chain id {reported}, but Chain:ChainId is {chainId}.");
                }

                // The address comes from configuration, else from the record the deploy command wrote (docker-compose).
                var recorded = DeploymentRecord.Read(recordPath) is { } read && read.ChainId == chainId ? read : null;
                var (registry, deploymentBlock) = chain.RegistryAddress is { Length: > 0 } address
                    ? (address, chain.DeploymentBlock)
                    : recorded is not null
                        ? (recorded.RegistryAddress, recorded.DeploymentBlock)
                        : throw new InvalidOperationException(
                            $"Chain:RegistryAddress is required with Chain:RpcUrl, or a deployment record for chain {chainId} at {recordPath} (run the deploy command first).");
                if (!await HasCodeAsync(chain.RpcUrl!, registry, cancellationToken))
                {
                    throw new InvalidOperationException($"There is no contract at registry address {registry} on chain {chainId}.");
                }

                // The LicenseRegistry from configuration, else from the record when it was deployed over this registry.
                var licenseRegistry = chain.LicenseRegistryAddress is { Length: > 0 } configuredLicenses
                    ? configuredLicenses
                    : recorded is not null && string.Equals(recorded.RegistryAddress, registry, StringComparison.OrdinalIgnoreCase)
                        ? recorded.LicenseRegistryAddress
                        : null;
                if (licenseRegistry is null)
                {
                    logger.LogWarning("No LicenseRegistry configured (Chain:LicenseRegistryAddress); licences will stay pending");
                }
                else if (!await HasCodeAsync(chain.RpcUrl!, licenseRegistry, cancellationToken))
                {
                    throw new InvalidOperationException($"There is no contract at licence registry address {licenseRegistry} on chain {chainId}.");
                }

                return new ChainConnection(chain.RpcUrl!, chainId, registry, deploymentBlock, signer, chain.Confirmations)
                {
                    Fees = chain.Fees,
                    MaxLogBlockRange = chain.MaxLogBlockRange,
                    LicenseRegistryAddress = licenseRegistry,
                };
            }
            catch (Exception exception) when (exception is not InvalidOperationException and not OperationCanceledException)
            {
                logger.LogWarning("Chain at {RpcUrl} not reachable yet ({Error}); retrying in {Delay}", chain.RpcUrl, exception.Message, RetryDelay);
                await Task.Delay(RetryDelay, cancellationToken);
            }
        }
    }

    internal static async Task<bool> HasCodeAsync(string rpcUrl, string address, CancellationToken cancellationToken)
    {
        var code = await new Web3(rpcUrl).Eth.GetCode.SendRequestAsync(address).WaitAsync(cancellationToken);
        return code is { Length: > 2 } && code != "0x";
    }
}

/// <summary>The embedded chain's fixed chain id (anvil's default).</summary>
internal static class AnvilStartOptionsDefaults
{
    public const long ChainId = 31337;
}

/// <summary>The folder under the data folder where the embedded chain keeps its state and deployment record.</summary>
public sealed record ChainDataFolder(string Path)
{
    /// <summary>The deployment record: <c>Chain:DeploymentRecord</c>, else <c>deployment.json</c> in this folder.</summary>
    public string RecordPath(ChainOptions options) =>
        options.DeploymentRecord is { Length: > 0 } configured ? System.IO.Path.GetFullPath(configured) : System.IO.Path.Combine(Path, "deployment.json");
}
