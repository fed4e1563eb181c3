using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Api.Tests.Support;

/// <summary>What a wallet does with the typed data VFIP hands out.</summary>
internal static class WalletSigning
{
    /// <summary>
    /// A registration's typed-data message, read back into the contract's struct, as a wallet would display and sign it.
    /// (Nethereum 6.1's JSON signer cannot read hex elements of a bytes32[], so registrations are signed from the struct.)
    /// </summary>
    public static Registration RegistrationOf(JsonNode message) => new()
    {
        Owner = message["owner"]!.GetValue<string>(),
        ContentHash = Convert.FromHexString(message["contentHash"]!.GetValue<string>()[2..]),
        Fingerprints = message["fingerprints"]!.AsArray().Select(f => Convert.FromHexString(f!.GetValue<string>()[2..])).ToList(),
        MetadataHash = Convert.FromHexString(message["metadataHash"]!.GetValue<string>()[2..]),
        MetadataUri = message["metadataUri"]!.GetValue<string>(),
        Deadline = BigInteger.Parse(message["deadline"]!.ToString(), CultureInfo.InvariantCulture),
    };
}
