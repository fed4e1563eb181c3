using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Hosting;
using Vfip.Chain.Outbox;

namespace Vfip.Chain;

public static class DependencyInjection
{
    /// <summary>
    /// The chain edge: the connection (embedded anvil or a configured RPC endpoint), the registry behind
    /// <see cref="IDesignRegistry"/>, the outbox sender and the chain indexer.
    /// </summary>
    /// <param name="chainDataDir">Where the embedded chain keeps anvil state and its deployment record.</param>
    public static IServiceCollection AddChain(this IServiceCollection services, IConfiguration configuration, string chainDataDir)
    {
        services.Configure<ChainOptions>(configuration.GetSection(ChainOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.Configure<Indexing.IndexerOptions>(configuration.GetSection(Indexing.IndexerOptions.Section));
        services.AddSingleton(new ChainDataFolder(chainDataDir));
        services.AddSingleton<ChainConnectionSource>();
        services.AddSingleton<ContractDeployer>();
        services.AddSingleton<ChainDeployment>();
        services.AddSingleton<OutboxLeadership>();
        services.AddSingleton<Indexing.IndexerLeadership>();
        services.AddSingleton<IDesignRegistry, ChainDesignRegistry>();
        services.AddSingleton<ILicenseRegistry, ChainLicenseRegistry>();
        services.AddSingleton<IChainHistory, ChainHistory>();
        services.AddSingleton<IEthereumAccounts, Signing.EthereumAccounts>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(provider => provider.GetRequiredService<OutboxSignal>());
        services.AddHostedService<ChainHost>();
        services.AddHostedService<OutboxSender>();
        services.AddHostedService<Indexing.ChainIndexer>();
        return services;
    }
}
