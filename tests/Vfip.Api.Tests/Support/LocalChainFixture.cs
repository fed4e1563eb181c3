using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Vfip.Chain;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.LocalChain;

namespace Vfip.Api.Tests.Support;

/// <summary>
/// A real anvil for the whole test collection, with DesignRegistry (and the LicenseRegistry over it) deployed by the development deployer
/// and the development registrar holding REGISTRAR_ROLE. The service under test is pointed at it through
/// configuration, the way docker-compose and production run.
/// </summary>
public sealed class LocalChainFixture : IAsyncLifetime
{
    private AnvilProcess? _anvil;

    public string RpcUrl => _anvil?.RpcUrl ?? throw new InvalidOperationException("The chain is not started.");

    public DeployedContract Registry { get; private set; } = null!;

    /// <summary>The LicenseRegistry deployed over <see cref="Registry"/>.</summary>
    public DeployedContract Licenses { get; private set; } = null!;

    public const long ChainId = 31337;

    public async Task InitializeAsync()
    {
        var binary = AnvilProcess.FindBinary(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("anvil not found: run 'npm ci' in contracts/ first (the README's test command does).");
        _anvil = await AnvilProcess.StartAsync(new AnvilStartOptions(binary), NullLogger.Instance, CancellationToken.None);
        Registry = await new ContractDeployer(NullLogger<ContractDeployer>.Instance).DeployDesignRegistryAsync(
            _anvil.RpcUrl, ChainId, DevelopmentKeys.Deployer.PrivateKey, DevelopmentKeys.Deployer.Address, DevelopmentKeys.Registrar.Address, CancellationToken.None);
        Licenses = await new ContractDeployer(NullLogger<ContractDeployer>.Instance).DeployLicenseRegistryAsync(
            _anvil.RpcUrl, ChainId, DevelopmentKeys.Deployer.PrivateKey, Registry.Address, CancellationToken.None);

        // A second registrar, for tests that send on their own while the service's sender is running:
        // one key used by two senders at once would race for nonces.
        var admin = new Web3(new Account(DevelopmentKeys.Deployer.PrivateKey, ChainId), _anvil.RpcUrl);
        var role = await admin.Eth.GetContractQueryHandler<RegistrarRoleFunction>().QueryAsync<byte[]>(Registry.Address, new RegistrarRoleFunction());
        await admin.Eth.GetContractTransactionHandler<GrantRoleFunction>().SendRequestAndWaitForReceiptAsync(
            Registry.Address, new GrantRoleFunction { Role = role, Account = SecondRegistrar.Address });
    }

    /// <summary>Holds REGISTRAR_ROLE too; the service never signs with it.</summary>
    public static DevelopmentAccount SecondRegistrar => DevelopmentKeys.Other;

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }

    /// <summary>The settings that point a VFIP instance at this chain.</summary>
    public IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Chain:RpcUrl"] = RpcUrl,
        ["Chain:ChainId"] = ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Chain:RegistryAddress"] = Registry.Address,
        ["Chain:LicenseRegistryAddress"] = Licenses.Address,
        ["Chain:DeploymentBlock"] = Registry.DeploymentBlock.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Chain:SignerKey"] = DevelopmentKeys.Registrar.PrivateKey,
    };
}
