using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nethereum.Web3;
using Vfip.Chain;
using Vfip.Chain.Hosting;

namespace Vfip.Api.Health;

/// <summary>
/// Ready when the chain connection is up, its endpoint answers with the expected chain id, and the registry
/// contract has code there (a reset or wrong chain would otherwise accept work that can never be anchored).
/// </summary>
/// <remarks>
/// <c>/health/ready</c> is anonymous and unthrottled (probes must not be rate-limited), so the endpoint's answer is
/// reused for <see cref="CacheFor"/>, and probes that arrive while one is in flight share it: however often the route
/// is called, the RPC endpoint is asked at most twice (chain id, code) per window. A singleton, so the cache is one.
/// </remarks>
internal sealed class ChainHealthCheck(ChainConnectionSource source, TimeProvider time) : IHealthCheck
{
    /// <summary>How long one probe of the RPC endpoint answers for; the chain going away shows at most this much later.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RpcTimeout = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private (Task<HealthCheckResult> Probe, long StartedAt)? _last;

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
        Task<HealthCheckResult> probe;
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_last is not { } last || time.GetElapsedTime(last.StartedAt, now) >= CacheFor)
            {
                // Not bound to this caller's token: later callers in the window wait on it too. RpcTimeout bounds it.
                _last = last = (ProbeAsync(connection), now);
            }

            probe = last.Probe;
        }

        return await probe.WaitAsync(cancellationToken);
    }

    private static async Task<HealthCheckResult> ProbeAsync(ChainConnection connection)
    {
        try
        {
            var web3 = new Web3(connection.RpcUrl);
            var chainId = (long)(await web3.Eth.ChainId.SendRequestAsync().WaitAsync(RpcTimeout)).Value;
            if (chainId != connection.ChainId)
            {
                return HealthCheckResult.Unhealthy($"The RPC endpoint reports chain {chainId}, expected {connection.ChainId}.");
            }

            var code = await web3.Eth.GetCode.SendRequestAsync(connection.RegistryAddress).WaitAsync(RpcTimeout);
            return code is { Length: > 2 }
                ? HealthCheckResult.Healthy($"Chain {chainId} answers; DesignRegistry {connection.RegistryAddress} is deployed.")
                : HealthCheckResult.Unhealthy($"Chain {chainId} has no contract at {connection.RegistryAddress}.");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The chain's RPC endpoint does not answer.", exception);
        }
    }
}
