using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Vfip.Api.Tests.Support;

/// <summary>
/// The real service over real HTTP (in-memory transport), with its own data folder. Two factories over one
/// data folder, one after the other, are a restart.
/// </summary>
public sealed class VfipFactory(string dataDir, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    /// <summary>The first admin every test instance creates from configuration (Admin:Email, Admin:Password).</summary>
    public const string AdminEmail = "admin@vfip.test";

    public const string AdminPassword = "Admin-passw0rd!";

    public string DataDir { get; } = dataDir;

    /// <summary>The settings this instance was given on top of the defaults below (store, chain, test's own).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; } = settings;

    /// <summary>Every log entry this instance wrote, at every level, for tests that check what is never logged.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting (not ConfigureAppConfiguration): Program reads these while building its services.
        builder.UseSetting("Vfip:DataDir", DataDir);
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Indexer:PollInterval", "00:00:00.200");
        // Tests sign up many users and register many designs from one in-process "IP" quickly, as benchmarks
        // do: they raise the limits by configuration. RateLimitTests sets low ones to prove the limit.
        builder.UseSetting("RateLimits:AnonymousPerWindow", "1000000");
        builder.UseSetting("RateLimits:SignedInPerWindow", "1000000");
        builder.UseSetting("RateLimits:PlatformKeyPerWindow", "1000000");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "vfip-tests", Guid.NewGuid().ToString("N"));
}
