using Nethereum.Web3;

namespace Vfip.Chain.Hosting;

/// <summary>The connection with a client that only reads (no account): for the adapters that query logs and blocks.</summary>
internal sealed record ReadOnlyChain(ChainConnection Connection, Web3 Web3)
{
    public static ReadOnlyChain Of(ChainConnection connection) => new(connection, new Web3(connection.RpcUrl));
}
