using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nethereum.Web3;
using Vfip.Chain.Hosting;

namespace Vfip.Api.Health;

/// <summary>
/// Ready when the chain connection is up, its endpoint answers with the expected chain id, and the registry
/// contract has code there (a reset or wrong chain would otherwise accept work that can never be anchored).
/// </summary>
internal sealed class ChainHealthCheck(ChainConnectionSource source) : IHealthCheck
{
    private static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (source.Failure is { } failure)
        {
            return HealthCheckResult.Unhealthy($"The chain could not be started: {failure.Message}");
        }

        if (!source.IsReady)
        {
            return HealthCheckResult.Unhealthy("The chain is starting.");
        }

        var connection = await source.GetAsync(cancellationToken);
        try
        {
            var web3 = new Web3(connection.RpcUrl);
            var chainId = (long)(await web3.Eth.ChainId.SendRequestAsync().WaitAsync(RpcTimeout, cancellationToken)).Value;
            if (chainId != connection.ChainId)
            {
                return HealthCheckResult.Unhealthy($"The RPC endpoint reports chain {chainId}, expected {connection.ChainId}.");
            }

            var code = await web3.Eth.GetCode.SendRequestAsync(connection.RegistryAddress).WaitAsync(RpcTimeout, cancellationToken);
            return code is { Length: > 2 }
                ? HealthCheckResult.Healthy($"Chain {chainId} answers; DesignRegistry {connection.RegistryAddress} is deployed.")
                : HealthCheckResult.Unhealthy($"Chain {chainId} has no contract at {connection.RegistryAddress}.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The chain's RPC endpoint does not answer.", exception);
        }
    }
}
