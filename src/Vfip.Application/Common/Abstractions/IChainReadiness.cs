namespace Vfip.Application.Common.Abstractions;

/// <summary>
/// Whether the chain connection is up. The web server starts before the chain is launched or checked; background work
/// that needs the chain awaits this first.
/// </summary>
public interface IChainReadiness
{
    /// <summary>Completes once the chain is reachable; throws when it could not be brought up.</summary>
    Task WaitUntilReadyAsync(CancellationToken cancellationToken);
}
