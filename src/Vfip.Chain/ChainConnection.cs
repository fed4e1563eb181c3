namespace Vfip.Chain;

/// <summary>Everything needed to talk to one deployed DesignRegistry on one chain.</summary>
/// <param name="RpcUrl">JSON-RPC endpoint.</param>
/// <param name="ChainId">Expected chain id; transactions are signed for it.</param>
/// <param name="RegistryAddress">Deployed DesignRegistry address.</param>
/// <param name="DeploymentBlock">Block of the deployment; event queries start there.</param>
/// <param name="SignerKey">Private key of the registrar account (hex). Never logged.</param>
/// <param name="Confirmations">Blocks a receipt must have (1 = included in the latest block).</param>
public sealed record ChainConnection(
    string RpcUrl,
    long ChainId,
    string RegistryAddress,
    long DeploymentBlock,
    string SignerKey,
    int Confirmations)
{
    /// <summary>The default of <see cref="MaxLogBlockRange"/>.</summary>
    public const int DefaultMaxLogBlockRange = 5_000;

    /// <summary>Most blocks per <c>eth_getLogs</c> request (<see cref="ChainOptions.MaxLogBlockRange"/>); at least 1.</summary>
    public int MaxLogBlockRange { get; init; } = DefaultMaxLogBlockRange;

    /// <summary>EIP-1559 fee settings for transactions sent over this connection.</summary>
    public FeeOptions Fees { get; init; } = new();

    /// <summary>Deployed LicenseRegistry address (EIP-55); null where none is deployed or configured (licences then cannot be anchored).</summary>
    public string? LicenseRegistryAddress { get; init; }

    /// <summary>Masks the key so the record can be logged.</summary>
    public override string ToString() =>
        $"ChainConnection {{ RpcUrl = {RpcUrl}, ChainId = {ChainId}, RegistryAddress = {RegistryAddress}, LicenseRegistryAddress = {LicenseRegistryAddress}, DeploymentBlock = {DeploymentBlock}, Confirmations = {Confirmations}, MaxLogBlockRange = {MaxLogBlockRange} }}";
}
