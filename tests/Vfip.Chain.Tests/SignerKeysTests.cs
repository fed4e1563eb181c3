using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Model;
using Vfip.Chain.LocalChain;
using Vfip.Chain.Signing;

namespace Vfip.Chain.Tests;

public sealed class SignerKeysTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vfip-keys-").FullName;

    [Fact]
    public async Task Resolve_PlainKey_FileOrKeystore_GiveTheSameKey()
    {
        var key = DevelopmentKeys.Registrar.PrivateKey;
        var keyFile = Write("registrar.key", key + "\n");
        var keystore = Write("registrar.json", Keystore(key, "correct horse"));
        var passwordFile = Write("registrar.pass", "correct horse\n");

        Assert.Equal(key, await SignerKeys.ResolveAsync(new ChainOptions { SignerKey = key }, CancellationToken.None));
        Assert.Equal(key, await SignerKeys.ResolveAsync(new ChainOptions { SignerKeyFile = keyFile }, CancellationToken.None));
        Assert.Equal(key, await SignerKeys.ResolveAsync(
            new ChainOptions { KeystoreFile = keystore, KeystorePassword = "correct horse" }, CancellationToken.None), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(key, await SignerKeys.ResolveAsync(
            new ChainOptions { KeystoreFile = keystore, KeystorePasswordFile = passwordFile }, CancellationToken.None), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Resolve_KeystoreWithWrongPassword_FailsNamingTheSettingNotTheSecret()
    {
        var keystore = Write("registrar.json", Keystore(DevelopmentKeys.Registrar.PrivateKey, "correct horse"));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SignerKeys.ResolveAsync(
            new ChainOptions { KeystoreFile = keystore, KeystorePassword = "battery staple" }, CancellationToken.None));

        Assert.Contains("Chain:KeystoreFile", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("battery staple", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_Nothing_SaysWhatToSet()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SignerKeys.ResolveAsync(new ChainOptions(), CancellationToken.None));

        Assert.Contains("Chain:SignerKey", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // PBKDF2 with few rounds: the format is the real one, only cheaper to open than a production keystore.
    private static string Keystore(string key, string password) =>
        new KeyStorePbkdf2Service().EncryptAndGenerateKeyStoreAsJson(
            password, key.HexToByteArray(), DevelopmentKeys.Registrar.Address, new Pbkdf2Params { Count = 1024, Dklen = 32, Prf = "hmac-sha256" });

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
