using Vfip.Application.Common.Abstractions;

namespace Vfip.Chain.Hosting;

/// <summary>
/// The chain connection, once known. The web server starts at once and answers <c>/health/live</c> while
/// the chain is still being launched or checked; whatever needs the chain awaits <see cref="GetAsync"/>.
/// </summary>
public sealed class ChainConnectionSource : IChainReadiness
{
    private readonly TaskCompletionSource<ChainConnection> _connection = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _connection.Task.IsCompletedSuccessfully;

    /// <summary>Why the chain could not be reached, when start-up failed.</summary>
    public Exception? Failure => _connection.Task.Exception?.GetBaseException();

    public Task<ChainConnection> GetAsync(CancellationToken cancellationToken) => _connection.Task.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task WaitUntilReadyAsync(CancellationToken cancellationToken) => GetAsync(cancellationToken);

    /// <summary>A source whose connection is known already (tools and tests that talk to a chain they set up).</summary>
    public static ChainConnectionSource For(ChainConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var source = new ChainConnectionSource();
        source.Set(connection);
        return source;
    }

    internal void Set(ChainConnection connection) => _connection.TrySetResult(connection);

    internal void Fail(Exception exception) => _connection.TrySetException(exception);
}
