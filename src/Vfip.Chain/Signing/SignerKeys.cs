using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.KeyStore;

namespace Vfip.Chain.Signing;

/// <summary>
/// Finds the registrar key in configuration: a plain hex key (<c>Chain:SignerKey</c>), a file holding one
/// (<c>Chain:SignerKeyFile</c>), or an encrypted keystore (<c>Chain:KeystoreFile</c> with
/// <c>Chain:KeystorePassword</c> or <c>Chain:KeystorePasswordFile</c>). Messages name settings, never values.
/// </summary>
public static class SignerKeys
{
    public static async Task<string> ResolveAsync(ChainOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SignerKey is { Length: > 0 } key)
        {
            return key.Trim();
        }

        if (options.SignerKeyFile is { Length: > 0 } keyFile)
        {
            return (await File.ReadAllTextAsync(keyFile, cancellationToken)).Trim();
        }

        if (options.KeystoreFile is { Length: > 0 } keystore)
        {
            var password = options.KeystorePassword is { Length: > 0 } plain
                ? plain
                : options.KeystorePasswordFile is { Length: > 0 } passwordFile
                    ? (await File.ReadAllTextAsync(passwordFile, cancellationToken)).TrimEnd('\r', '\n')
                    : throw new InvalidOperationException("Chain:KeystoreFile needs Chain:KeystorePassword or Chain:KeystorePasswordFile.");
            var json = await File.ReadAllTextAsync(keystore, cancellationToken);
            try
            {
                return new KeyStoreService().DecryptKeyStoreFromJson(password, json).ToHex(prefix: true);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The library's message may quote the MAC or the file; say only which setting is wrong.
                throw new InvalidOperationException($"Chain:KeystoreFile '{keystore}' could not be decrypted with the configured password.");
            }
        }

        throw new InvalidOperationException(
            "A registrar key is required with Chain:RpcUrl: set Chain:SignerKey, Chain:SignerKeyFile, or Chain:KeystoreFile with its password.");
    }
}
