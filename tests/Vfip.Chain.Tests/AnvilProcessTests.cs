using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Signer;
using Nethereum.Web3;
using Vfip.Chain.LocalChain;

namespace Vfip.Chain.Tests;

/// <summary>The embedded local chain's process management.</summary>
public sealed class AnvilProcessTests
{
    [Fact]
    public void FindBinary_FromTestOutputDirectory_FindsTheNpmInstalledAnvil()
    {
        var path = AnvilProcess.FindBinary(AppContext.BaseDirectory);

        Assert.NotNull(path);
        Assert.EndsWith("contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil", path);
    }

    [Fact]
    public void FindBinary_WhenNoContractsFolderAbove_ReturnsNull()
    {
        Assert.Null(AnvilProcess.FindBinary(Path.GetTempPath()));
    }

    [Fact]
    public async Task StartAsync_WithPortZero_ListensOnAFreeLoopbackPortNamedInItsCommandLine()
    {
        // Arrange / Act
        await using var anvil = await AnvilProcess.StartAsync(new AnvilStartOptions(AnvilFixture.AnvilBinary), NullLogger.Instance, CancellationToken.None);

        // Assert: outside tooling reads "--port N" from the process command line.
        var commandLine = (await File.ReadAllTextAsync($"/proc/{anvil.ProcessId}/cmdline")).Replace('\0', ' ');
        Assert.Contains($"--port {anvil.Port} ", commandLine + " ");
        Assert.Contains("--host 127.0.0.1", commandLine);
        Assert.Equal($"http://127.0.0.1:{anvil.Port}", anvil.RpcUrl);
        var chainId = await new Web3(anvil.RpcUrl).Eth.ChainId.SendRequestAsync();
        Assert.Equal(AnvilFixture.ChainId, (long)chainId.Value);
    }

    [Fact]
    public async Task DisposeAsync_StopsTheProcess()
    {
        var anvil = await AnvilProcess.StartAsync(new AnvilStartOptions(AnvilFixture.AnvilBinary), NullLogger.Instance, CancellationToken.None);
        var pid = anvil.ProcessId;

        await anvil.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(" Z ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_WithStatePath_KeepsDeployedContractAcrossRestart()
    {
        // Arrange
        var stateDir = Directory.CreateTempSubdirectory("vfip-anvil-state-");
        var statePath = Path.Combine(stateDir.FullName, "chain.json");
        var options = new AnvilStartOptions(AnvilFixture.AnvilBinary, StatePath: statePath);
        DeployedContract deployed;
        try
        {
            await using (var first = await AnvilProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None))
            {
                deployed = await new ContractDeployer(NullLogger<ContractDeployer>.Instance).DeployDesignRegistryAsync(
                    first.RpcUrl, AnvilFixture.ChainId, DevelopmentKeys.Deployer.PrivateKey,
                    DevelopmentKeys.Deployer.Address, DevelopmentKeys.Registrar.Address, CancellationToken.None);
            }

            // Act
            await using var second = await AnvilProcess.StartAsync(options, NullLogger.Instance, CancellationToken.None);

            // Assert
            var code = await new Web3(second.RpcUrl).Eth.GetCode.SendRequestAsync(deployed.Address);
            Assert.True(code.Length > 2, "the contract's code should survive the restart");
            var block = await new Web3(second.RpcUrl).Eth.Blocks.GetBlockNumber.SendRequestAsync();
            Assert.True((long)block.Value >= deployed.DeploymentBlock);
        }
        finally
        {
            stateDir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_WhenBinaryMissing_ThrowsWithInstallHint()
    {
        var ex = await Assert.ThrowsAsync<AnvilStartException>(() => AnvilProcess.StartAsync(
            new AnvilStartOptions("/nonexistent/anvil"), NullLogger.Instance, CancellationToken.None));

        Assert.Contains("npm ci", ex.Message);
    }

    [Fact]
    public async Task StartAsync_WhenPortIsTaken_ThrowsWithAnvilsOutput()
    {
        await using var first = await AnvilProcess.StartAsync(new AnvilStartOptions(AnvilFixture.AnvilBinary), NullLogger.Instance, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<AnvilStartException>(() => AnvilProcess.StartAsync(
            new AnvilStartOptions(AnvilFixture.AnvilBinary, Port: first.Port), NullLogger.Instance, CancellationToken.None));

        Assert.Contains("in use", ex.Message);
    }

    [Fact]
    public void DevelopmentKeys_AddressesAreDerivedFromTheirKeys()
    {
        Assert.All(DevelopmentKeys.All, account =>
            Assert.Equal(account.Address, new EthECKey(account.PrivateKey).GetPublicAddress()));
        Assert.DoesNotContain(DevelopmentKeys.Registrar.PrivateKey, DevelopmentKeys.Registrar.ToString());
    }
}
