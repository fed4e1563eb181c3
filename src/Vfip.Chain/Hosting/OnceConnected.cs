namespace Vfip.Chain.Hosting;

/// <summary>
/// What an adapter builds from the chain connection (clients, addresses), built once the connection is known. The
/// adapters exist from the start, while the chain is still being launched or checked: the first call waits for the
/// connection, later calls get the same value.
/// </summary>
internal sealed class OnceConnected<T>(ChainConnectionSource source, Func<ChainConnection, T> create)
    where T : class
{
    private T? _value;

    public async ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        if (_value is null)
        {
            var connection = await source.GetAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.CompareExchange(ref _value, create(connection), null);
        }

        return _value;
    }
}
