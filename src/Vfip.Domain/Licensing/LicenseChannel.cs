namespace Vfip.Domain.Licensing;

/// <summary>
/// Where a licensed design may appear. Serialised as the wire names of the verification API
/// (<c>games</c>, <c>ar</c>, <c>avatar</c>, <c>nft</c>, <c>ecommerce</c>, <c>film</c>); see <see cref="LicenseVocabulary"/>.
/// </summary>
public enum LicenseChannel
{
    /// <summary>In-game items and skins.</summary>
    Games,

    /// <summary>AR and social-media filters.</summary>
    Ar,

    /// <summary>Avatar stores and wardrobes.</summary>
    Avatar,

    /// <summary>NFT marketplaces.</summary>
    Nft,

    /// <summary>E-commerce virtual try-on.</summary>
    Ecommerce,

    /// <summary>Film, video and advertising.</summary>
    Film,
}

/// <summary>How much of the design a grant keeps to itself.</summary>
public enum LicenseExclusivity
{
    /// <summary>Others may be licensed the same rights.</summary>
    None,

    /// <summary>No other grant may overlap it in a shared channel, territory and time.</summary>
    Channel,

    /// <summary>No other grant of the design may overlap it in time at all.</summary>
    Full,
}

/// <summary>The wire names of the licensing enums and the reserved territory <c>worldwide</c>.</summary>
public static class LicenseVocabulary
{
    public const string Worldwide = "worldwide";

    private static readonly Dictionary<string, LicenseChannel> Channels = new(StringComparer.Ordinal)
    {
        ["games"] = LicenseChannel.Games,
        ["ar"] = LicenseChannel.Ar,
        ["avatar"] = LicenseChannel.Avatar,
        ["nft"] = LicenseChannel.Nft,
        ["ecommerce"] = LicenseChannel.Ecommerce,
        ["film"] = LicenseChannel.Film,
    };

    private static readonly Dictionary<string, LicenseExclusivity> Exclusivities = new(StringComparer.Ordinal)
    {
        ["none"] = LicenseExclusivity.None,
        ["channel"] = LicenseExclusivity.Channel,
        ["full"] = LicenseExclusivity.Full,
    };

    public static IReadOnlyCollection<string> ChannelNames { get; } = Channels.Keys.ToArray();

    public static IReadOnlyCollection<string> ExclusivityNames { get; } = Exclusivities.Keys.ToArray();

    public static bool TryParseChannel(string name, out LicenseChannel channel) => Channels.TryGetValue(name, out channel);

    public static bool TryParseExclusivity(string name, out LicenseExclusivity exclusivity) => Exclusivities.TryGetValue(name, out exclusivity);

    public static string Name(LicenseChannel channel) => Channels.First(c => c.Value == channel).Key;

    public static string Name(LicenseExclusivity exclusivity) => Exclusivities.First(e => e.Value == exclusivity).Key;

    /// <summary>
    /// An ISO 3166-1 alpha-2 code in upper case (shape only: the list of assigned codes changes, and a licence
    /// naming a code that is not assigned yet harms nobody).
    /// </summary>
    public static bool IsTerritoryCode(string code) => code.Length == 2 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);
}
