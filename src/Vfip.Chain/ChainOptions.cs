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

    /// <summary>
    /// Deployed LicenseRegistry address (environment <c>Chain__LicenseRegistryAddress</c>), deployed over
    /// <see cref="RegistryAddress"/>; empty = the deployment record's, else licences cannot be anchored.
    /// </summary>
    public string? LicenseRegistryAddress { get; set; }

    /// <summary>Block of the registry's deployment; event queries start here.</summary>
    public long DeploymentBlock { get; set; }

    /// <summary>Registrar private key, hex (environment <c>Chain__SignerKey</c>). Never logged.</summary>
    public string? SignerKey { get; set; }

    /// <summary>A file holding the registrar key instead of <see cref="SignerKey"/> (e.g. a mounted secret).</summary>
    public string? SignerKeyFile { get; set; }

    /// <summary>An encrypted JSON keystore (Web3 Secret Storage) holding the registrar key, instead of a plain key.</summary>
    public string? KeystoreFile { get; set; }

    /// <summary>The keystore's password (environment <c>Chain__KeystorePassword</c>); or see <see cref="KeystorePasswordFile"/>.</summary>
    public string? KeystorePassword { get; set; }

    /// <summary>A file holding the keystore's password (e.g. a mounted secret).</summary>
    public string? KeystorePasswordFile { get; set; }

    /// <summary>
    /// The <c>deploy</c> command: the address that gets DEFAULT_ADMIN_ROLE (who may grant and revoke
    /// REGISTRAR_ROLE); default the signer itself. On a public chain, make it a multisig.
    /// </summary>
    public string? AdminAddress { get; set; }

    /// <summary>
    /// Where the <c>deploy</c> command writes the deployment record and where the service reads the registry
    /// address from when <see cref="RegistryAddress"/> is empty; default <c>chain/deployment.json</c> in the data folder.
    /// </summary>
    public string? DeploymentRecord { get; set; }

    /// <summary>EIP-1559 fees for every transaction VFIP sends.</summary>
    public FeeOptions Fees { get; set; } = new();

    /// <summary>
    /// Blocks a receipt needs before a design counts as anchored. Default 1: anvil mines one block per
    /// transaction and none while idle, so deeper waits would never end there; set it per chain.
    /// </summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>
    /// Most blocks per <c>eth_getLogs</c> request of the adapters' on-demand queries (provenance, and the look-ups
    /// that recover a registration, transfer, grant or revocation): hosted RPC providers refuse wider ranges whatever
    /// the topic filter, so a query from the deployment block to the head is sent in windows of this size. Default
    /// 5000, as <c>Indexer:MaxBlockRange</c>; lower both for a provider with a smaller cap.
    /// </summary>
    public int MaxLogBlockRange { get; set; } = ChainConnection.DefaultMaxLogBlockRange;

    /// <summary>Embedded default: anvil's port on 127.0.0.1 (0 = any free port).</summary>
    public int EmbeddedPort { get; set; }

    /// <summary>Embedded default: path of the anvil binary; found under contracts/node_modules when empty.</summary>
    public string? AnvilPath { get; set; }

    public bool IsEmbedded => string.IsNullOrWhiteSpace(RpcUrl);
}

/// <summary>
/// Configuration section <c>Chain:Fees</c>: EIP-1559 fees. Each transaction offers
/// <c>maxFeePerGas = min(BaseFeeMultiplier × latest base fee + tip, MaxFeePerGasGwei)</c> and
/// <c>maxPriorityFeePerGas = tip</c>, so it survives a few blocks of rising base fee but never pays over the cap.
/// </summary>
public sealed class FeeOptions
{
    /// <summary>The tip to the block producer, in gwei (default 1; L2s often need far less, e.g. 0.001).</summary>
    public decimal MaxPriorityFeePerGasGwei { get; set; } = 1m;

    /// <summary>The most VFIP will ever pay per gas, in gwei; empty = no cap.</summary>
    public decimal? MaxFeePerGasGwei { get; set; }

    /// <summary>How many base fees of headroom to offer (default 2: room for six full blocks of +12.5%).</summary>
    public decimal BaseFeeMultiplier { get; set; } = 2m;
}
