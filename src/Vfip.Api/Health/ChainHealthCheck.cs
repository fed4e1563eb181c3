using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nethereum.Web3;
using Vfip.Chain.Hosting;

namespace Vfip.Api.Health;

/// <summary>Ready when the chain connection is up and its endpoint answers with the expected chain id.</summary>
internal sealed class ChainHealthCheck(ChainConnectionSource source) : IHealthCheck
{
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
            var chainId = (long)(await new Web3(connection.RpcUrl).Eth.ChainId.SendRequestAsync().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken)).Value;
            return chainId == connection.ChainId
                ? HealthCheckResult.Healthy($"Chain {chainId} answers.")
                : HealthCheckResult.Unhealthy($"The RPC endpoint reports chain {chainId}, expected {connection.ChainId}.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The chain's RPC endpoint does not answer.", exception);
        }
    }
}
