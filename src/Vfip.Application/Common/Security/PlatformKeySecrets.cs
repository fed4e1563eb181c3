using System.Security.Cryptography;
using System.Text;

namespace Vfip.Application.Common.Security;

/// <summary>
/// The shape of a platform API key: <c>vfip_&lt;id&gt;_&lt;secret&gt;</c>, the id naming the stored row and the
/// secret 32 random bytes. The store keeps SHA-256 of the whole key: with 256 random bits a fast hash is
/// as good as a slow one, and lookups stay one indexed read.
/// </summary>
public static class PlatformKeySecrets
{
    private const string Prefix = "vfip_";

    /// <summary>A new key for the row <paramref name="id"/> (32 hex digits).</summary>
    public static string Create(string id) =>
        $"{Prefix}{id}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The row id a presented key names, or null when it is not shaped like a VFIP key.</summary>
    public static string? IdOf(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 200)
        {
            return null;
        }

        var separator = key.IndexOf('_', Prefix.Length);
        return separator == Prefix.Length + 32 ? key[Prefix.Length..separator] : null;
    }

    /// <summary>Compares a presented key with a stored hash in constant time.</summary>
    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
