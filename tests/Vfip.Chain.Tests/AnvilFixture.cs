using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Vfip.Chain.LocalChain;

namespace Vfip.Chain.Tests;

/// <summary>
/// A throwaway anvil with a freshly deployed DesignRegistry, one per test class
/// (Deployer = DEFAULT_ADMIN_ROLE, Registrar = REGISTRAR_ROLE).
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    public const long ChainId = 31337;

    private AnvilProcess? _anvil;
    private DeployedContract? _registry;

    public AnvilProcess Anvil => _anvil ?? throw new InvalidOperationException("fixture not initialised");

    public DeployedContract Registry => _registry ?? throw new InvalidOperationException("fixture not initialised");

    public string RpcUrl => Anvil.RpcUrl;

    public static string AnvilBinary =>
        AnvilProcess.FindBinary(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException(
            "anvil was not found above " + AppContext.BaseDirectory +
            ": run `npm ci` in contracts/ (it installs @foundry-rs/anvil into contracts/node_modules).");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _anvil = await AnvilProcess.StartAsync(new AnvilStartOptions(AnvilBinary), NullLogger.Instance, timeout.Token);
        _registry = await new ContractDeployer(NullLogger<ContractDeployer>.Instance).DeployDesignRegistryAsync(
            RpcUrl, ChainId, DevelopmentKeys.Deployer.PrivateKey,
            DevelopmentKeys.Deployer.Address, DevelopmentKeys.Registrar.Address, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }

    /// <summary>A Web3 that signs as <paramref name="account"/> for this chain.</summary>
    public Web3 Web3For(DevelopmentAccount account) => new(new Account(account.PrivateKey, ChainId), RpcUrl);

    public ChainConnection Connection(DevelopmentAccount signer, int confirmations = 1) =>
        new(RpcUrl, ChainId, Registry.Address, Registry.DeploymentBlock, signer.PrivateKey, confirmations);

    public async Task<BlockWithTransactionHashes> LatestBlockAsync()
    {
        var web3 = new Web3(RpcUrl);
        return await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(BlockParameter.CreateLatest());
    }

    /// <summary>Mines one empty block (anvil automines only when a transaction arrives).</summary>
    public async Task MineAsync()
    {
        var web3 = new Web3(RpcUrl);
        await web3.Client.SendRequestAsync<string>("evm_mine");
    }

    public static byte[] RandomHash() => RandomNumberGenerator.GetBytes(32);

    /// <summary>A metadata URI of the length the service produces: 71 characters with a 26-character ULID-like id.</summary>
    public static string MetadataUri() =>
        $"https://vfip.io/api/v1/designs/{RandomNumberGenerator.GetString("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 26)}/metadata.json";

    public static HexBigInteger Gas(TransactionReceipt receipt) => receipt.GasUsed;
}
