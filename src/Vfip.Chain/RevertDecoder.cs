using System.Collections;
using System.Globalization;
using System.Reflection;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Newtonsoft.Json.Linq;
using Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Chain;

/// <summary>A revert decoded against the contract's ABI.</summary>
/// <param name="Error">The typed error DTO (e.g. <see cref="AlreadyRegisteredError"/>), or null for Error(string) / unknown data.</param>
/// <param name="Description">Human-readable form, e.g. <c>AlreadyRegistered(tokenId=1, owner=0x..)</c>.</param>
public sealed record DecodedRevert(object? Error, string Description);

/// <summary>
/// Turns Nethereum's revert exceptions (estimateGas / eth_call failures) into typed DesignRegistry and LicenseRegistry errors.
/// </summary>
public static class RevertDecoder
{
    private const string ErrorStringSelector = "0x08c379a0";

    /// <summary>The decoded revert carried by <paramref name="exception"/> (or its inner exceptions); null when it is not a revert.</summary>
    public static DecodedRevert? TryDecode(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SmartContractCustomErrorRevertException custom:
                    return Decode(custom.ExceptionEncodedData);
                case SmartContractRevertException revert:
                    return new DecodedRevert(null, $"Error(\"{revert.RevertMessage}\")");
                case RpcResponseException rpc when ExtractData(rpc.RpcError?.Data) is { } data:
                    return Decode(data);
                case RpcResponseException rpc when rpc.RpcError?.Message?.Contains("revert", StringComparison.OrdinalIgnoreCase) == true:
                    return new DecodedRevert(null, rpc.RpcError.Message);
            }
        }

        return null;
    }

    /// <summary>
    /// Decodes raw revert data (0x hex) against every custom error in the DesignRegistry and LicenseRegistry ABIs (errors
    /// both declare, such as InvalidSignature, decode as DesignRegistry's: same selector).
    /// </summary>
    public static DecodedRevert Decode(string? data)
    {
        if (string.IsNullOrEmpty(data) || data == "0x")
        {
            return new DecodedRevert(null, "revert without data");
        }

        foreach (var type in DesignRegistryErrors.All.Concat(Contracts.LicenseRegistry.LicenseRegistryErrors.All))
        {
            if (data.IsExceptionEncodedDataForError(type))
            {
                var error = data.DecodeExceptionEncodedData(type);
                return new DecodedRevert(error, Describe(error));
            }
        }

        if (data.StartsWith(ErrorStringSelector, StringComparison.OrdinalIgnoreCase))
        {
            var message = new Nethereum.ABI.Decoders.StringTypeDecoder().Decode<string>(data.HexToByteArray().AsSpan(4 + 32).ToArray());
            return new DecodedRevert(null, $"Error(\"{message}\")");
        }

        return new DecodedRevert(null, $"unknown revert data {data}");
    }

    // Nodes put revert data in error.data as a hex string (anvil, geth) or nested as error.data.data (some providers).
    private static string? ExtractData(object? data) => data switch
    {
        string s when s.StartsWith("0x", StringComparison.Ordinal) => s,
        JValue { Type: JTokenType.String } value => ExtractData((string?)value),
        JObject obj => ExtractData(obj["data"]),
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } element => ExtractData(element.GetString()),
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } element
            when element.TryGetProperty("data", out var inner) => ExtractData(inner),
        _ => null,
    };

    private static string Describe(object error)
    {
        var type = error.GetType();
        var name = type.GetCustomAttribute<ErrorAttribute>()?.Name ?? type.Name;
        var args = type.GetProperties()
            .Select(p => (Property: p, Parameter: p.GetCustomAttribute<ParameterAttribute>()))
            .Where(x => x.Parameter is not null)
            .OrderBy(x => x.Parameter!.Order)
            .Select(x => $"{x.Parameter!.Name}={Format(x.Property.GetValue(error))}");
        return $"{name}({string.Join(", ", args)})";
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        byte[] bytes => bytes.ToHex(prefix: true),
        string s => s,
        IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Select(Format))}]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
