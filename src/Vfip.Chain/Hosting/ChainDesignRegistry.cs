using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;

namespace Vfip.Chain.Hosting;

/// <summary>
/// The Application's <see cref="IDesignRegistry"/>: waits for the chain connection, then talks to the
/// contract through one <see cref="DesignRegistryGateway"/>.
/// </summary>
internal sealed class ChainDesignRegistry(ChainConnectionSource source, ILoggerFactory loggers) : IDesignRegistry
{
    private DesignRegistryGateway? _gateway;

    public async Task<ChainRegistration> RegisterAsync(DesignRegistration registration, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).RegisterAsync(registration, cancellationToken);

    public async Task<ChainRegistration?> FindAsync(byte[] contentHash, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).FindAsync(contentHash, cancellationToken);

    public async Task<ChainRegistration> RelaySignedAsync(
        DesignRegistration registration, DateTime deadline, string signature, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).RelaySignedAsync(registration, deadline, signature, cancellationToken);

    public async Task<string> TypedDataToSignAsync(DesignRegistration registration, DateTime deadline, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).TypedDataToSignAsync(registration, deadline, cancellationToken);

    public async Task<bool> IsSignedByOwnerAsync(DesignRegistration registration, DateTime deadline, string signature, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).IsSignedByOwnerAsync(registration, deadline, signature, cancellationToken);

    public async Task<ChainEventRecord> TransferAsync(string tokenId, string ownerPrivateKey, string toAddress, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).TransferAsync(tokenId, ownerPrivateKey, toAddress, cancellationToken);

    public async Task<long> GetChainIdAsync(CancellationToken cancellationToken) => (await source.GetAsync(cancellationToken)).ChainId;

    private async Task<DesignRegistryGateway> GatewayAsync(CancellationToken cancellationToken)
    {
        if (_gateway is null)
        {
            var connection = await source.GetAsync(cancellationToken);
            Interlocked.CompareExchange(ref _gateway, new DesignRegistryGateway(connection, loggers.CreateLogger<DesignRegistryGateway>()), null);
        }

        return _gateway;
    }
}
