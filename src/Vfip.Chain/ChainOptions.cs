namespace Vfip.Chain;

/// <summary>
/// Configuration section <c>Chain</c>. With no <see cref="RpcUrl"/> the service runs the embedded default:
/// it launches anvil itself, deploys the contracts on first start and keeps both in the data folder.
/// With an RPC URL it uses that chain and an existing deployment.
/// </summary>
public sealed class ChainOptions
{
    public const string Section = "Chain";

    /// <summary>JSON-RPC endpoint of an existing chain (environment <c>Chain__RpcUrl</c>); empty = embedded anvil.</summary>
    public string? RpcUrl { get; set; }

    /// <summary>The chain id the endpoint must report; required with <see cref="RpcUrl"/>.</summary>
    public long? ChainId { get; set; }

    /// <summary>Deployed DesignRegistry address; required with <see cref="RpcUrl"/>.</summary>
    public string? RegistryAddress { get; set; }

    /// <summary>Block of the registry's deployment; event queries start here.</summary>
    public long DeploymentBlock { get; set; }

    /// <summary>Registrar private key, hex (environment <c>Chain__SignerKey</c>). Never logged.</summary>
    public string? SignerKey { get; set; }

    /// <summary>A file holding the registrar key instead of <see cref="SignerKey"/> (e.g. a mounted secret).</summary>
    public string? SignerKeyFile { get; set; }

    /// <summary>
    /// Blocks a receipt needs before a design counts as anchored. Default 1: anvil mines one block per
    /// transaction and none while idle, so deeper waits would never end there; set it per chain.
    /// </summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>Embedded default: anvil's port on 127.0.0.1 (0 = any free port).</summary>
    public int EmbeddedPort { get; set; }

    /// <summary>Embedded default: path of the anvil binary; found under contracts/node_modules when empty.</summary>
    public string? AnvilPath { get; set; }

    public bool IsEmbedded => string.IsNullOrWhiteSpace(RpcUrl);
}
