using Vfip.Infrastructure.Custody;

namespace Vfip.Infrastructure.Tests.Custody;

/// <summary>Where the custody key-encryption key comes from, and how the embedded default's file is made.</summary>
public sealed class KeyEncryptionKeysTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "vfip-kek-tests", Guid.NewGuid().ToString("N"));

    private string KeyFile => Path.Combine(_dataDir, "keys", "custody.key");

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public void OnTheEmbeddedDefault_TheGeneratedKeyFile_IsOwnerOnlyRightAfterCreation_AndKeepsTheKey()
    {
        var key = KeyEncryptionKeys.Load(new CustodyOptions(), _dataDir, embeddedDefault: true);

        Assert.Equal(32, key.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }

        Assert.Equal(Convert.ToBase64String(key), File.ReadAllText(KeyFile));
        Assert.Equal(key, KeyEncryptionKeys.Load(new CustodyOptions(), _dataDir, embeddedDefault: true));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(KeyFile)!, "*.tmp")); // no temporary file left
    }

    [Fact]
    public async Task StartsRacingOnAFreshDataFolder_AllUseTheOneKeyInTheFile()
    {
        using var start = new Barrier(8);

        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return KeyEncryptionKeys.Load(new CustodyOptions(), _dataDir, embeddedDefault: true);
        })));

        var inFile = File.ReadAllText(KeyFile);
        Assert.All(keys, key => Assert.Equal(inFile, Convert.ToBase64String(key)));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(KeyFile)!, "*.tmp"));
    }

    [Fact]
    public void OutsideTheEmbeddedDefault_WithoutAConfiguredKey_Refuses_NamingTheSettingAndHowToMakeOne()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKeys.Load(new CustodyOptions(), _dataDir, embeddedDefault: false));

        Assert.Contains("Custody:KeyEncryptionKey", refused.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(KeyFile));
    }

    [Fact]
    public void AConfiguredKey_IsUsed_AndNoFileIsWritten()
    {
        var configured = new byte[32];
        configured[0] = 7;

        var key = KeyEncryptionKeys.Load(new CustodyOptions { KeyEncryptionKey = Convert.ToBase64String(configured) }, _dataDir, embeddedDefault: false);

        Assert.Equal(configured, key);
        Assert.False(File.Exists(KeyFile));
    }
}
