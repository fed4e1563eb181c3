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
