using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Web3;
using Vfip.Chain.Hosting;
using Vfip.Chain.LocalChain;

namespace Vfip.Chain.Tests;

/// <summary>The <c>deploy</c> command against a chain given by RPC URL, as on a real network.</summary>
public sealed class ChainDeploymentTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vfip-deploy-").FullName;
    private AnvilProcess? _anvil;

    public async Task InitializeAsync() =>
        _anvil = await AnvilProcess.StartAsync(new AnvilStartOptions(AnvilFixture.AnvilBinary), NullLogger.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _anvil!.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Deploy_WritesTheRecord_AndRunningItAgainKeepsTheDeployment()
    {
        var options = Options(new ChainOptions());

        var first = await Deployment(options).RunAsync(CancellationToken.None);
        var second = await Deployment(options).RunAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(first, DeploymentRecord.Read(Path.Combine(_folder, "deployment.json")));
        Assert.Equal(AnvilFixture.ChainId, first.ChainId);
        var code = await new Web3(_anvil!.RpcUrl).Eth.GetCode.SendRequestAsync(first.RegistryAddress);
        Assert.True(code.Length > 2, "no contract code at the recorded address");
    }

    [Fact]
    public async Task Deploy_WithARegistryAddressConfigured_DoesNothing()
    {
        var record = await Deployment(Options(new ChainOptions { RegistryAddress = DevelopmentKeys.Other.Address })).RunAsync(CancellationToken.None);

        Assert.Null(record);
        Assert.False(File.Exists(Path.Combine(_folder, "deployment.json")));
    }

    [Fact]
    public async Task Deploy_ToTheWrongChainId_Refuses()
    {
        var options = Options(new ChainOptions());
        options.ChainId = 1;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Deployment(options).RunAsync(CancellationToken.None));
    }

    private ChainOptions Options(ChainOptions options)
    {
        options.RpcUrl = _anvil!.RpcUrl;
        options.ChainId = AnvilFixture.ChainId;
        options.SignerKey = DevelopmentKeys.Registrar.PrivateKey;
        return options;
    }

    private ChainDeployment Deployment(ChainOptions options) => new(
        Microsoft.Extensions.Options.Options.Create(options), new ChainDataFolder(_folder),
        new ContractDeployer(NullLogger<ContractDeployer>.Instance), NullLogger<ChainDeployment>.Instance);
}
