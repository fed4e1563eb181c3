using System.Security.Cryptography;

namespace Vfip.Infrastructure.Custody;

/// <summary>Finds the key that seals custodial keys: configuration first, else the embedded default's file.</summary>
internal static class KeyEncryptionKeys
{
    public static byte[] Load(CustodyOptions options, string dataDir)
    {
        if (!string.IsNullOrWhiteSpace(options.KeyEncryptionKey))
        {
            var configured = Convert.FromBase64String(options.KeyEncryptionKey);
            return configured.Length == 32
                ? configured
                : throw new InvalidOperationException("Custody:KeyEncryptionKey must be the base64 of exactly 32 bytes.");
        }

        // Embedded default only: a generated key beside the data it protects, readable by the owner alone.
        var path = Path.Combine(dataDir, "keys", "custody.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path);
        return key;
    }
}
