using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Vfip.Api.Tests.Support;

/// <summary>
/// The real service over real HTTP (in-memory transport), with its own data folder. Two factories over one
/// data folder, one after the other, are a restart.
/// </summary>
public sealed class VfipFactory(string dataDir, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public string DataDir { get; } = dataDir;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting (not ConfigureAppConfiguration): Program reads these while building its services.
        builder.UseSetting("Vfip:DataDir", DataDir);
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "vfip-tests", Guid.NewGuid().ToString("N"));
}
