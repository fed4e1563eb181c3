using System.Reflection;
using System.Text.RegularExpressions;
using Vfip.Application.Common.Options;
using Vfip.Chain;
using Vfip.Infrastructure;
using Vfip.Infrastructure.Background.Outbox;
using Vfip.Infrastructure.Custody;
using Vfip.Infrastructure.Persistence;
using YamlDotNet.RepresentationModel;

namespace Vfip.Api.Tests;

/// <summary>
/// docker-compose.yml cannot be run here (no Docker engine), so it is checked statically: the services a
/// user needs, their health checks and start order, and that every variable it uses is documented and every
/// setting it passes is one the code reads.
/// </summary>
public sealed partial class DockerComposeTests
{
    private static readonly string Root = FindRoot();
    private static readonly YamlMappingNode Compose = Load(Path.Combine(Root, "docker-compose.yml"));
    private static readonly YamlMappingNode Services = (YamlMappingNode)Compose["services"];

    /// <summary>Configuration sections and the options classes that bind them.</summary>
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        [ChainOptions.Section] = typeof(ChainOptions),
        [DatabaseOptions.Section] = typeof(DatabaseOptions),
        [VfipOptions.Section] = typeof(VfipOptions),
        [CustodyOptions.Section] = typeof(CustodyOptions),
        [OutboxOptions.Section] = typeof(OutboxOptions),
        [UploadLimits.Section] = typeof(UploadLimits),
    };

    [Fact]
    public void Services_AreTheOnesAUserNeeds()
    {
        Assert.Equal(["anvil", "api", "deploy", "migrate", "postgres"], Services.Children.Keys.Select(k => k.ToString()).Order());
        Assert.StartsWith("postgres:", Scalar(Service("postgres"), "image"));
        Assert.StartsWith("ghcr.io/foundry-rs/foundry:", Scalar(Service("anvil"), "image"));
        Assert.Contains("--state", Sequence(Service("anvil"), "command"));
        Assert.Equal(["deploy"], Sequence(Service("deploy"), "command"));
        Assert.Equal(["migrate"], Sequence(Service("migrate"), "command"));
        foreach (var name in new[] { "api", "deploy", "migrate" })
        {
            Assert.Equal(".", Scalar(Service(name), "build"));
            Assert.Equal("vfip-api:local", Scalar(Service(name), "image"));
        }
    }

    [Fact]
    public void StatefulServices_KeepTheirStateInVolumes()
    {
        var declared = ((YamlMappingNode)Compose["volumes"]).Children.Keys.Select(k => k.ToString()).ToHashSet();
        foreach (var (service, path) in new[] { ("postgres", "/var/lib/postgresql/data"), ("anvil", "/anvil"), ("api", "/data"), ("deploy", "/data") })
        {
            var volume = Assert.Single(Sequence(Service(service), "volumes"), v => v.EndsWith(":" + path, StringComparison.Ordinal));
            Assert.Contains(volume.Split(':')[0], declared);
        }
    }

    [Fact]
    public void LongRunningServices_HaveHealthChecks_AndStartInOrder()
    {
        foreach (var name in new[] { "postgres", "anvil", "api" })
        {
            Assert.NotEmpty(Sequence((YamlMappingNode)Service(name)["healthcheck"], "test"));
        }

        Assert.Contains("/health/ready", string.Join(' ', Sequence((YamlMappingNode)Service("api")["healthcheck"], "test")));
        Assert.Equal("service_healthy", Condition("migrate", "postgres"));
        Assert.Equal("service_healthy", Condition("deploy", "anvil"));
        Assert.Equal("service_healthy", Condition("api", "postgres"));
        Assert.Equal("service_completed_successfully", Condition("api", "migrate"));
        Assert.Equal("service_completed_successfully", Condition("api", "deploy"));
    }

    [Fact]
    public void EveryVariable_IsDocumentedInEnvExampleAndOperations()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        var used = Variable().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet();
        var example = File.ReadAllLines(Path.Combine(Root, ".env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=')[0])
            .ToHashSet();
        var operations = File.ReadAllText(Path.Combine(Root, "docs", "operations.md"));

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(example));
        Assert.Empty(example.Except(used)); // nothing in .env.example that the compose file ignores
        var undocumented = used.Where(v => !operations.Contains($"`{v}`", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"not in docs/operations.md: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void EverySetting_IsOneTheCodeReads_AndIsDocumented()
    {
        var operations = File.ReadAllText(Path.Combine(Root, "docs", "operations.md"));
        foreach (var name in new[] { "api", "deploy", "migrate" })
        {
            var environment = (YamlMappingNode)Service(name)["environment"];
            foreach (var key in environment.Children.Keys.Select(k => k.ToString()))
            {
                Assert.True(IsReadByTheCode(key), $"{name}: the code reads no setting '{key}'");
                Assert.True(key.StartsWith("Logging__", StringComparison.Ordinal) || operations.Contains(key, StringComparison.Ordinal),
                    $"{key} is not in docs/operations.md");
            }
        }
    }

    private static bool IsReadByTheCode(string key)
    {
        // AllowedHosts is read by ASP.NET's host filtering, not by an options class of ours.
        if (key is "ConnectionStrings__Vfip" or "AllowedHosts" || key.StartsWith("OTEL_", StringComparison.Ordinal) || key.StartsWith("Logging__", StringComparison.Ordinal))
        {
            return true;
        }

        var path = key.Split("__");
        if (!Sections.TryGetValue(path[0], out var type))
        {
            return false;
        }

        foreach (var part in path.Skip(1))
        {
            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance);
            if (property is not { CanWrite: true })
            {
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static IReadOnlyList<string> Sequence(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[key]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();

    private static string Condition(string service, string dependency) =>
        Scalar((YamlMappingNode)((YamlMappingNode)Service(service)["depends_on"])[dependency], "condition");

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "docker-compose.yml")) && File.Exists(Path.Combine(dir.FullName, "Vfip.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (docker-compose.yml) was not found above the test binaries.");
    }

    // ${NAME}, ${NAME:-default}, ${NAME:?error}; $${NAME} is an escaped dollar for the container's shell, not compose's.
    [GeneratedRegex(@"(?<!\$)\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?\}")]
    private static partial Regex Variable();
}
