namespace Vfip.Domain.Licensing;

/// <summary>
/// Starting points for the common cases. A preset is expanded into full terms when an offer is made, so the
/// anchored terms hash never depends on what a preset meant at the time.
/// </summary>
public static class LicensePresets
{
    public const string Personal = "personal";
    public const string Commercial = "commercial";
    public const string Remix = "remix";
    public const string Exclusive = "exclusive";

    public static IReadOnlyCollection<string> Names { get; } = [Personal, Commercial, Remix, Exclusive];

    private static readonly LicenseChannel[] AllChannels = Enum.GetValues<LicenseChannel>();

    /// <summary>The terms of <paramref name="name"/>, or null when there is no such preset.</summary>
    public static LicenseTerms? Get(string name) => name switch
    {
        // Wear it on one's own avatar anywhere; no selling, no remixing.
        Personal => LicenseTerms.Default with
        {
            Channels = [LicenseChannel.Games, LicenseChannel.Ar, LicenseChannel.Avatar],
        },

        // Use it in products, digital only, with credit.
        Commercial => LicenseTerms.Default with
        {
            Commercial = true,
            Channels = AllChannels,
            Attribution = true,
        },

        // Build on it: derivatives with credit, and derivatives must be offered on the same terms.
        Remix => LicenseTerms.Default with
        {
            Channels = [LicenseChannel.Games, LicenseChannel.Ar, LicenseChannel.Avatar],
            Attribution = true,
            Derivatives = new DerivativeTerms(Allowed: true, Attribution: true, ApprovalRequired: false, Reciprocal: true),
        },

        // Everything, to one licensee alone; sublicensable so that they can run with it.
        Exclusive => LicenseTerms.Default with
        {
            Commercial = true,
            Channels = AllChannels,
            Exclusivity = LicenseExclusivity.Full,
            Sublicensable = true,
            Derivatives = new DerivativeTerms(Allowed: true, Attribution: false, ApprovalRequired: false, Reciprocal: false),
        },

        _ => null,
    };
}
