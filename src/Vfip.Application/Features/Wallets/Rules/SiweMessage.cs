using System.Globalization;

namespace Vfip.Application.Features.Wallets.Rules;

/// <summary>
/// A Sign-In with Ethereum message (EIP-4361), parsed strictly: the fixed first line, the address, an
/// optional statement, then the fields in the order the standard prescribes. Anything else is refused,
/// because what the user saw in their wallet must be exactly what is verified.
/// </summary>
internal sealed record SiweMessage(
    string Domain,
    string Address,
    string? Statement,
    string Uri,
    string Version,
    long ChainId,
    string Nonce,
    DateTimeOffset IssuedAt,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NotBefore)
{
    private const string Preamble = " wants you to sign in with your Ethereum account:";

    // The order of EIP-4361's ABNF; each is optional only where the standard says so.
    private static readonly string[] FieldOrder = ["URI", "Version", "Chain ID", "Nonce", "Issued At", "Expiration Time", "Not Before", "Request ID", "Resources"];

    public static SiweMessage? TryParse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length < 8 || !lines[0].EndsWith(Preamble, StringComparison.Ordinal))
        {
            return null;
        }

        var domain = lines[0][..^Preamble.Length];
        var address = lines[1];
        if (domain.Length == 0 || lines[2].Length != 0)
        {
            return null;
        }

        // Optional statement: "\n<statement>\n\n" between the address block and the fields.
        var next = 3;
        string? statement = null;
        if (lines[next].Length == 0 && lines[next + 1].StartsWith("URI: ", StringComparison.Ordinal))
        {
            next++; // no statement: EIP-4361 keeps its line break, "address LF LF LF URI" (what the siwe package writes)
        }
        else if (!lines[next].StartsWith("URI: ", StringComparison.Ordinal))
        {
            statement = lines[next];
            if (next + 1 >= lines.Length || lines[next + 1].Length != 0)
            {
                return null;
            }

            next += 2;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        for (; next < lines.Length; next++)
        {
            var line = lines[next];
            if (line.Length == 0 && next == lines.Length - 1)
            {
                break; // a trailing newline
            }

            if (fields.ContainsKey("Resources"))
            {
                if (!line.StartsWith("- ", StringComparison.Ordinal))
                {
                    return null;
                }

                continue;
            }

            var separator = line.IndexOf(": ", StringComparison.Ordinal);
            var name = separator > 0 ? line[..separator] : line.TrimEnd(':');
            var index = Array.IndexOf(FieldOrder, name, position);
            if (index < 0)
            {
                return null;
            }

            fields[name] = separator > 0 ? line[(separator + 2)..] : string.Empty;
            position = index + 1;
        }

        if (!fields.TryGetValue("URI", out var uri) || !fields.TryGetValue("Version", out var version)
            || !fields.TryGetValue("Chain ID", out var chainIdText) || !fields.TryGetValue("Nonce", out var nonce)
            || !fields.TryGetValue("Issued At", out var issuedAtText)
            || !long.TryParse(chainIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var chainId)
            || !TryParseTime(issuedAtText, out var issuedAt))
        {
            return null;
        }

        DateTimeOffset? expiration = null;
        if (fields.TryGetValue("Expiration Time", out var expirationText))
        {
            if (!TryParseTime(expirationText, out var value))
            {
                return null;
            }

            expiration = value;
        }

        DateTimeOffset? notBefore = null;
        if (fields.TryGetValue("Not Before", out var notBeforeText))
        {
            if (!TryParseTime(notBeforeText, out var value))
            {
                return null;
            }

            notBefore = value;
        }

        return new SiweMessage(domain, address, statement, uri, version, chainId, nonce, issuedAt, expiration, notBefore);
    }

    /// <summary>
    /// Whether <paramref name="uri"/> is an absolute URI on <paramref name="origin"/>'s scheme, host and port
    /// (default ports made explicit, so <c>https://a</c> and <c>https://a:443</c> are one origin).
    /// </summary>
    public static bool IsSameOrigin(string uri, Uri origin) =>
        System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && string.Equals(parsed.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(parsed.Host, origin.Host, StringComparison.OrdinalIgnoreCase)
        && parsed.Port == origin.Port
        && parsed.UserInfo.Length == 0;

    // RFC 3339 date-times, as the standard requires (with a zone: Z or an offset).
    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time)
        && (text.EndsWith('Z') || text.Length > 6 && text[^6] is '+' or '-');
}
