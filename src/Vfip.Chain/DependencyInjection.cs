using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Hosting;

namespace Vfip.Chain;

public static class DependencyInjection
{
    /// <summary>
    /// The chain adapter: the connection (embedded anvil or a configured RPC endpoint) and the ports it implements,
    /// <see cref="IDesignRegistry"/>, <see cref="ILicenseRegistry"/>, <see cref="IChainHistory"/>,
    /// <see cref="IChainEventSource"/>, <see cref="IChainReadiness"/> and <see cref="IEthereumAccounts"/>. The work that
    /// drives it (outbox sender, chain indexer) is registered by the host.
    /// </summary>
    /// <param name="chainDataDir">Where the embedded chain keeps anvil state and its deployment record.</param>
    public static IServiceCollection AddChain(this IServiceCollection services, IConfiguration configuration, string chainDataDir)
    {
        services.Configure<ChainOptions>(configuration.GetSection(ChainOptions.Section));
        services.AddSingleton(new ChainDataFolder(chainDataDir));
        services.AddSingleton<ChainConnectionSource>();
        services.AddSingleton<IChainReadiness>(provider => provider.GetRequiredService<ChainConnectionSource>());
        services.AddSingleton<ContractDeployer>();
        services.AddSingleton<ChainDeployment>();
        services.AddSingleton<IDesignRegistry, DesignRegistryGateway>();
        services.AddSingleton<ILicenseRegistry, LicenseRegistryGateway>();
        services.AddSingleton<IChainHistory, ChainHistoryReader>();
        services.AddSingleton<IChainEventSource, Indexing.ChainEventSource>();
        services.AddSingleton<IEthereumAccounts, Signing.EthereumAccounts>();
        services.AddHostedService<ChainHost>();
        return services;
    }
}
