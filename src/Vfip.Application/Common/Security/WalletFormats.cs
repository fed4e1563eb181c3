namespace Vfip.Application.Common.Security;

/// <summary>The shapes wallets hand over: addresses and EIP-712 signatures, as 0x hex.</summary>
public static class WalletFormats
{
    /// <summary>65 bytes (r ‖ s ‖ v) as 0x-prefixed hex, as wallets return from eth_signTypedData_v4.</summary>
    public static bool IsSignature(string? value) =>
        value is { Length: 132 } && value.StartsWith("0x", StringComparison.Ordinal) && value[2..].All(char.IsAsciiHexDigit);

    /// <summary>20 bytes as 0x-prefixed hex (any case; the checksum is not required).</summary>
    public static bool IsAddress(string? value) =>
        value is { Length: 42 } && value.StartsWith("0x", StringComparison.Ordinal) && value[2..].All(char.IsAsciiHexDigit);
}
