using System.Security.Cryptography;

namespace Vfip.Infrastructure.Custody;

/// <summary>Finds the key that seals custodial keys: configuration first, else (embedded default only) the data folder's file.</summary>
internal static class KeyEncryptionKeys
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <param name="options">The <c>Custody</c> section.</param>
    /// <param name="dataDir">The data folder, where the embedded default keeps <c>keys/custody.key</c>.</param>
    /// <param name="embeddedDefault">
    /// True only for SQLite with the embedded chain: one process, its database and its key in one folder. Anywhere else a
    /// generated key would be wrong: replicas would each make their own (and could not unseal each other's users' keys),
    /// and on a real chain the keys guard real property, so the key must come from a secret store, not sit beside the data.
    /// </param>
    public static byte[] Load(CustodyOptions options, string dataDir, bool embeddedDefault)
    {
        if (!string.IsNullOrWhiteSpace(options.KeyEncryptionKey))
        {
            var configured = Convert.FromBase64String(options.KeyEncryptionKey);
            return configured.Length == 32
                ? configured
                : throw new InvalidOperationException("Custody:KeyEncryptionKey must be the base64 of exactly 32 bytes.");
        }

        if (!embeddedDefault)
        {
            throw new InvalidOperationException(
                "Custody:KeyEncryptionKey (environment Custody__KeyEncryptionKey) is required outside the embedded default " +
                "(Database:Provider=postgres, or a Chain:RpcUrl): the base64 of 32 random bytes, e.g. from `openssl rand -base64 32`, " +
                "the same on every replica and kept in a secret store. Without it each replica would generate a key of its own.");
        }

        var path = Path.Combine(dataDir, "keys", "custody.key");
        return File.Exists(path) ? Read(path) : Create(path);
    }

    private static byte[] Read(string path) => Convert.FromBase64String(File.ReadAllText(path).Trim());

    /// <summary>
    /// Writes a new key to a file readable by its owner alone from the moment it exists (created with mode 0600, never
    /// made and then narrowed), under a name of its own, then renames it into place, so a reader sees no file or the whole
    /// key. Starts racing on a fresh folder take turns on a lock file: the first puts its key in place, the others read it.
    /// </summary>
    private static byte[] Create(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, OwnerOnly | UnixFileMode.UserExecute);
        }

        using var turn = TakeTurn(path + ".lock");
        if (File.Exists(path))
        {
            return Read(path); // another start put its key in place first
        }

        var key = RandomNumberGenerator.GetBytes(32);
        var temporary = Path.Combine(folder, $".custody.key.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, OwnerOnlyNewFile()))
            {
                file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path);
            return key;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static FileStreamOptions OwnerOnlyNewFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        return options;
    }

    /// <summary>An exclusive hold on <paramref name="lockPath"/> (FileShare.None: an advisory lock on Unix, across processes), waited for.</summary>
    private static FileStream TakeTurn(string lockPath)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = OwnerOnly;
                }

                return new FileStream(lockPath, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}
