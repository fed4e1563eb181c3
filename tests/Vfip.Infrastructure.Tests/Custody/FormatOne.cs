using System.Security.Cryptography;

namespace Vfip.Infrastructure.Tests.Custody;

/// <summary>
/// Custodial keys as the vault sealed them before they were bound to their holder: version 1, associated data the version
/// byte. Also compiled into Vfip.Api.Tests (linked in its project file), whose custody tests write format-1 rows.
/// </summary>
internal static class FormatOne
{
    public static byte[] Seal(byte[] kek, byte[] privateKey)
    {
        var sealedKey = new byte[1 + 12 + 16 + privateKey.Length];
        sealedKey[0] = 1;
        RandomNumberGenerator.Fill(sealedKey.AsSpan(1, 12));
        using var aes = new AesGcm(kek, 16);
        aes.Encrypt(sealedKey.AsSpan(1, 12), privateKey, sealedKey.AsSpan(29), sealedKey.AsSpan(13, 16), [1]);
        return sealedKey;
    }
}
