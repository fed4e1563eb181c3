using System.Text.Json;

namespace Vfip.Chain.Hosting;

/// <summary>
/// Where the embedded default deployed its contracts, kept in the data folder (<c>chain/deployment.json</c>)
/// so later starts reuse the same registry instead of deploying a new one.
/// </summary>
/// <param name="LicenseRegistryAddress">The LicenseRegistry deployed over the registry; null in records written before it existed.</param>
public sealed record DeploymentRecord(
    long ChainId, string RegistryAddress, long DeploymentBlock, string TxHash, DateTime DeployedAt, string? LicenseRegistryAddress = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static DeploymentRecord? Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<DeploymentRecord>(File.ReadAllText(path), Json) : null;

    /// <summary>Writes through a temporary file so a crash never leaves half a record.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }
}
