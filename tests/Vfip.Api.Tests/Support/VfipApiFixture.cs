namespace Vfip.Api.Tests.Support;

/// <summary>One shared service instance for the collection, on the shared chain, with a fresh data folder.</summary>
public sealed class VfipApiFixture : IAsyncLifetime
{
    public LocalChainFixture Chain { get; } = new();

    public VfipFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Chain.InitializeAsync();
        Factory = new VfipFactory(VfipFactory.NewDataDir(), Chain.Settings());
        _ = Factory.Server; // start now, so the first test does not pay for it
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Chain.DisposeAsync();
        TryDelete(Factory.DataDir);
    }

    /// <summary>A second instance over a data folder of its own or a given one, with extra settings.</summary>
    public VfipFactory CreateFactory(string? dataDir = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(Chain.Settings());
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new VfipFactory(dataDir ?? VfipFactory.NewDataDir(), settings);
    }

    internal static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class VfipCollection : ICollectionFixture<VfipApiFixture>
{
    public const string Name = "vfip";
}
