using Microsoft.Extensions.Logging;
using Vfip.Application.Common.Abstractions;

namespace Vfip.Chain.Hosting;

/// <summary>The Application's <see cref="ILicenseRegistry"/>: waits for the chain connection, then uses one <see cref="LicenseRegistryGateway"/>.</summary>
internal sealed class ChainLicenseRegistry(ChainConnectionSource source, ILoggerFactory loggers) : ILicenseRegistry
{
    private LicenseRegistryGateway? _gateway;

    // Pure (keccak of the ABI-encoded fields): needs no connection, so accepting an offer never waits for the chain.
    public string LicenseIdOf(LicenseGrantRequest grant) => LicenseRegistryGateway.LicenseIdOf(grant);

    public async Task<ChainEventRecord> GrantAsync(LicenseGrantRequest grant, string licensorPrivateKey, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).GrantAsync(grant, licensorPrivateKey, cancellationToken);

    public async Task<ChainEventRecord> RevokeAsync(string licenseId, byte[] reasonHash, string licensorPrivateKey, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).RevokeAsync(licenseId, reasonHash, licensorPrivateKey, cancellationToken);

    public async Task<ChainEventRecord> RelayGrantAsync(LicenseGrantRequest grant, DateTime deadline, string signature, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).RelayGrantAsync(grant, deadline, signature, cancellationToken);

    public async Task<ChainEventRecord> RelayRevocationAsync(
        string licenseId, byte[] reasonHash, DateTime deadline, string signer, string signature, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).RelayRevocationAsync(licenseId, reasonHash, deadline, signer, signature, cancellationToken);

    public async Task<string> TypedDataAsync(LicenseSignable signable, CancellationToken cancellationToken) =>
        (await GatewayAsync(cancellationToken)).TypedDataToSign(signable);

    public async Task<string?> RecoverSignerAsync(LicenseSignable signable, string signature, CancellationToken cancellationToken) =>
        (await GatewayAsync(cancellationToken)).RecoverSigner(signable, signature);

    public async Task<ChainEventRecord> RegisterDerivativeAsync(string childTokenId, string parentTokenId, string licenseId, CancellationToken cancellationToken) =>
        await (await GatewayAsync(cancellationToken)).RegisterDerivativeAsync(childTokenId, parentTokenId, licenseId, cancellationToken);

    private async Task<LicenseRegistryGateway> GatewayAsync(CancellationToken cancellationToken)
    {
        if (_gateway is null)
        {
            var connection = await source.GetAsync(cancellationToken);
            Interlocked.CompareExchange(ref _gateway, new LicenseRegistryGateway(connection, loggers.CreateLogger<LicenseRegistryGateway>()), null);
        }

        return _gateway;
    }
}
