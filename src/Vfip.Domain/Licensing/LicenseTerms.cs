using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Vfip.Domain.Common;

namespace Vfip.Domain.Licensing;

/// <summary>What a derivative of the licensed design may be, and on which conditions.</summary>
/// <param name="Attribution">Derivatives must credit the parent design's owner.</param>
/// <param name="ApprovalRequired">Each derivative needs the owner's approval before it is registered.</param>
/// <param name="Reciprocal">Derivatives must be licensed onwards on these same terms (share-alike).</param>
public sealed record DerivativeTerms(bool Allowed, bool Attribution, bool ApprovalRequired, bool Reciprocal)
{
    public static DerivativeTerms None { get; } = new(false, false, false, false);
}

/// <summary>A fee paid once when the licence is granted; <paramref name="Currency"/> is an ISO 4217 code or a token symbol.</summary>
public sealed record UpfrontFee(decimal Amount, string Currency);

/// <summary>One intended use, as a platform asks about it. A null field is not checked.</summary>
public sealed record LicenseUse(LicenseChannel? Channel, bool? Commercial, string? Platform, string? Territory, DateTime? At);

/// <summary>
/// The terms of a licence: a versioned, structured document whose canonical JSON is hashed and the hash
/// anchored with the grant. Every other right than <c>sublicensable</c> and <c>derivatives.allowed</c> is
/// judged off chain against this document (ADR 0012), so its canonical form must never change for a given
/// <see cref="Version"/>: a new field means a new version.
/// </summary>
/// <param name="Territories">ISO 3166-1 alpha-2 codes, or the single entry <c>worldwide</c>.</param>
/// <param name="Platforms">Named platforms (compared case-insensitively); empty means any platform.</param>
/// <param name="PhysicalProduction">False: digital only.</param>
/// <param name="StartsAt">Null: from the grant.</param>
/// <param name="EndsAt">Null: no end.</param>
public sealed record LicenseTerms(
    int Version,
    bool Commercial,
    bool Attribution,
    DerivativeTerms Derivatives,
    int RevenueShareBps,
    UpfrontFee? UpfrontFee,
    IReadOnlyList<string> Territories,
    IReadOnlyList<LicenseChannel> Channels,
    IReadOnlyList<string> Platforms,
    bool PhysicalProduction,
    bool AiTraining,
    LicenseExclusivity Exclusivity,
    bool Sublicensable,
    bool Transferable,
    DateTime? StartsAt,
    DateTime? EndsAt)
{
    public const int CurrentVersion = 1;
    public const int MaxBps = 10_000;
    public const int MaxPlatforms = 50;
    public const int MaxPlatformLength = 100;
    public const int MaxTerritories = 250;

    /// <summary>The most restrictive terms: personal, no derivatives, worldwide, no channel yet.</summary>
    public static LicenseTerms Default { get; } = new(
        CurrentVersion, Commercial: false, Attribution: false, DerivativeTerms.None, RevenueShareBps: 0, UpfrontFee: null,
        Territories: [LicenseVocabulary.Worldwide], Channels: [], Platforms: [], PhysicalProduction: false, AiTraining: false,
        LicenseExclusivity.None, Sublicensable: false, Transferable: false, StartsAt: null, EndsAt: null);

    public bool IsWorldwide => Territories.Count == 1 && Territories[0] == LicenseVocabulary.Worldwide;

    /// <summary>
    /// Checks the consistency rules and returns the canonical form (lists sorted and de-duplicated, platforms
    /// folded to lower case, times in whole UTC seconds as the chain keeps them). Throws a
    /// <see cref="DomainException"/> naming the first broken rule.
    /// </summary>
    public LicenseTerms Normalise()
    {
        if (Version != CurrentVersion)
        {
            throw new DomainException(ErrorCodes.Terms.UnsupportedVersion, $"Terms version {Version} is not supported; use {CurrentVersion}.");
        }

        if (Channels.Count == 0)
        {
            throw new DomainException(ErrorCodes.Terms.ChannelsRequired, "Name at least one channel the licence covers.");
        }

        var territories = Territories.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (territories.Count == 0)
        {
            throw new DomainException(ErrorCodes.Terms.TerritoriesRequired, $"Name at least one territory, or '{LicenseVocabulary.Worldwide}'.");
        }

        if (territories.Contains(LicenseVocabulary.Worldwide) && territories.Count > 1)
        {
            throw new DomainException(ErrorCodes.Terms.InvalidTerritory, $"'{LicenseVocabulary.Worldwide}' cannot be combined with country codes.");
        }

        if (territories.Count > MaxTerritories
            || territories.FirstOrDefault(t => t != LicenseVocabulary.Worldwide && !LicenseVocabulary.IsTerritoryCode(t)) is not null)
        {
            var bad = territories.FirstOrDefault(t => t != LicenseVocabulary.Worldwide && !LicenseVocabulary.IsTerritoryCode(t));
            throw new DomainException(ErrorCodes.Terms.InvalidTerritory, $"'{bad}' is not an ISO 3166-1 alpha-2 code in upper case.");
        }

        if (RevenueShareBps is < 0 or > MaxBps)
        {
            throw new DomainException(ErrorCodes.Terms.InvalidRevenueShare, $"A revenue share is 0 to {MaxBps} basis points.");
        }

        if (RevenueShareBps > 0 && !Commercial)
        {
            throw new DomainException(
                ErrorCodes.Terms.RevenueShareRequiresCommercial, "A revenue share needs commercial use: a non-commercial licence has no revenue to share.");
        }

        if (UpfrontFee is { } fee && (fee.Amount <= 0 || !IsCurrency(fee.Currency)))
        {
            throw new DomainException(
                ErrorCodes.Terms.InvalidFee, "An upfront fee needs a positive amount and a currency (an ISO 4217 code or a token symbol, 2 to 10 capitals or digits).");
        }

        if (!Derivatives.Allowed && (Derivatives.Attribution || Derivatives.ApprovalRequired || Derivatives.Reciprocal))
        {
            throw new DomainException(
                ErrorCodes.Terms.DerivativeTermsWithoutDerivatives, "Conditions on derivatives (attribution, approval, reciprocal) need derivatives to be allowed.");
        }

        var platforms = Platforms.Select(p => p.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (platforms.Count > MaxPlatforms || platforms.Any(p => p.Length is 0 or > MaxPlatformLength))
        {
            throw new DomainException(ErrorCodes.Terms.InvalidPlatform, $"At most {MaxPlatforms} platforms, each 1 to {MaxPlatformLength} characters.");
        }

        var startsAt = StartsAt is { } start ? WholeSeconds(start) : (DateTime?)null;
        var endsAt = EndsAt is { } end ? WholeSeconds(end) : (DateTime?)null;
        if (startsAt is not null && endsAt is not null && endsAt <= startsAt)
        {
            throw new DomainException(ErrorCodes.Terms.InvalidValidity, "A licence must end after it starts.");
        }

        return this with
        {
            Territories = territories.Order(StringComparer.Ordinal).ToArray(),
            Channels = Channels.Distinct().Order().ToArray(),
            Platforms = platforms.Order(StringComparer.Ordinal).ToArray(),
            UpfrontFee = UpfrontFee is { } f ? f with { Amount = f.Amount / 1.000000000000000000000000000000000m } : null,
            StartsAt = startsAt,
            EndsAt = endsAt,
        };
    }

    /// <summary>
    /// The canonical JSON of the normalised terms: UTF-8, no whitespace, properties in a fixed order
    /// (alphabetical), lists sorted, amounts as decimal strings and times as ISO-8601 UTC seconds, so that
    /// equal terms always give equal bytes and anyone can recompute <see cref="Hash"/>.
    /// </summary>
    public byte[] CanonicalJson()
    {
        var terms = Normalise();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteBoolean("aiTraining", terms.AiTraining);
            json.WriteBoolean("attribution", terms.Attribution);
            json.WriteStartArray("channels");
            foreach (var channel in terms.Channels)
            {
                json.WriteStringValue(LicenseVocabulary.Name(channel));
            }

            json.WriteEndArray();
            json.WriteBoolean("commercial", terms.Commercial);
            json.WriteStartObject("derivatives");
            json.WriteBoolean("allowed", terms.Derivatives.Allowed);
            json.WriteBoolean("approvalRequired", terms.Derivatives.ApprovalRequired);
            json.WriteBoolean("attribution", terms.Derivatives.Attribution);
            json.WriteBoolean("reciprocal", terms.Derivatives.Reciprocal);
            json.WriteEndObject();
            WriteTime(json, "endsAt", terms.EndsAt);
            json.WriteString("exclusivity", LicenseVocabulary.Name(terms.Exclusivity));
            json.WriteBoolean("physicalProduction", terms.PhysicalProduction);
            json.WriteStartArray("platforms");
            foreach (var platform in terms.Platforms)
            {
                json.WriteStringValue(platform);
            }

            json.WriteEndArray();
            json.WriteNumber("revenueShareBps", terms.RevenueShareBps);
            WriteTime(json, "startsAt", terms.StartsAt);
            json.WriteBoolean("sublicensable", terms.Sublicensable);
            json.WriteStartArray("territories");
            foreach (var territory in terms.Territories)
            {
                json.WriteStringValue(territory);
            }

            json.WriteEndArray();
            json.WriteBoolean("transferable", terms.Transferable);
            if (terms.UpfrontFee is { } fee)
            {
                json.WriteStartObject("upfrontFee");
                json.WriteString("amount", fee.Amount.ToString(CultureInfo.InvariantCulture));
                json.WriteString("currency", fee.Currency);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("upfrontFee");
            }

            json.WriteNumber("version", terms.Version);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The <c>termsHash</c> anchored with a grant: 0x-prefixed SHA-256 of <see cref="CanonicalJson"/>.</summary>
    public string Hash() => "0x" + Convert.ToHexStringLower(SHA256.HashData(CanonicalJson()));

    /// <summary>
    /// Reads terms back from their <see cref="CanonicalJson"/> (as stored), normalised: the inverse of the writer, so
    /// <c>FromCanonicalJson(json).CanonicalJson()</c> gives the same bytes and the same <see cref="Hash"/>. A field
    /// the document lacks keeps its <see cref="Default"/> value. Throws <see cref="FormatException"/> for a document
    /// that is not terms (stored data is written by <see cref="CanonicalJson"/> only, so that is corruption).
    /// </summary>
    public static LicenseTerms FromCanonicalJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var basis = Default;
            var derivatives = root.TryGetProperty("derivatives", out var d) && d.ValueKind == JsonValueKind.Object
                ? new DerivativeTerms(
                    Boolean(d, "allowed", basis.Derivatives.Allowed),
                    Boolean(d, "attribution", basis.Derivatives.Attribution),
                    Boolean(d, "approvalRequired", basis.Derivatives.ApprovalRequired),
                    Boolean(d, "reciprocal", basis.Derivatives.Reciprocal))
                : basis.Derivatives;
            var fee = root.TryGetProperty("upfrontFee", out var f) && f.ValueKind == JsonValueKind.Object
                ? new UpfrontFee(decimal.Parse(f.GetProperty("amount").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture), f.GetProperty("currency").GetString()!)
                : basis.UpfrontFee;
            return new LicenseTerms(
                Present(root, "version") is { } version ? version.GetInt32() : basis.Version,
                Boolean(root, "commercial", basis.Commercial),
                Boolean(root, "attribution", basis.Attribution),
                derivatives,
                Present(root, "revenueShareBps") is { } bps ? bps.GetInt32() : basis.RevenueShareBps,
                fee,
                Strings(root, "territories") ?? basis.Territories,
                Strings(root, "channels")?.Select(Channel).ToArray() ?? basis.Channels,
                Strings(root, "platforms") ?? basis.Platforms,
                Boolean(root, "physicalProduction", basis.PhysicalProduction),
                Boolean(root, "aiTraining", basis.AiTraining),
                Present(root, "exclusivity") is { } exclusivity ? Exclusivity(exclusivity.GetString()!) : basis.Exclusivity,
                Boolean(root, "sublicensable", basis.Sublicensable),
                Boolean(root, "transferable", basis.Transferable),
                Present(root, "startsAt")?.GetDateTime() ?? basis.StartsAt,
                Present(root, "endsAt")?.GetDateTime() ?? basis.EndsAt).Normalise();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException("This is not a licence terms document in canonical JSON.", e);
        }

        static JsonElement? Present(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        static bool Boolean(JsonElement parent, string name, bool basis) => Present(parent, name)?.GetBoolean() ?? basis;

        static string[]? Strings(JsonElement parent, string name) =>
            Present(parent, name)?.EnumerateArray().Select(e => e.GetString()!).ToArray();

        static LicenseChannel Channel(string name) =>
            LicenseVocabulary.TryParseChannel(name, out var channel) ? channel : throw new FormatException($"'{name}' is not a licence channel.");

        static LicenseExclusivity Exclusivity(string name) =>
            LicenseVocabulary.TryParseExclusivity(name, out var exclusivity) ? exclusivity : throw new FormatException($"'{name}' is not an exclusivity.");
    }

    /// <summary>
    /// Why <paramref name="use"/> is not permitted by these terms (empty when it is). Only the fields the use
    /// names are checked, so a platform asks exactly the question it has.
    /// </summary>
    public IReadOnlyList<string> Refusals(LicenseUse use)
    {
        var reasons = new List<string>();
        if (use.Channel is { } channel && !Channels.Contains(channel))
        {
            reasons.Add("channel_not_licensed");
        }

        if (use.Commercial == true && !Commercial)
        {
            reasons.Add("commercial_use_not_licensed");
        }

        if (use.Platform is { } platform && Platforms.Count > 0
            && !Platforms.Contains(platform.Trim().ToLowerInvariant(), StringComparer.Ordinal))
        {
            reasons.Add("platform_not_licensed");
        }

        if (use.Territory is { } territory && !IsWorldwide && !Territories.Contains(territory.Trim().ToUpperInvariant(), StringComparer.Ordinal))
        {
            reasons.Add("territory_not_licensed");
        }

        if (use.At is { } at)
        {
            if (StartsAt is { } start && at < start)
            {
                reasons.Add("license_not_started");
            }

            if (EndsAt is { } end && at >= end)
            {
                reasons.Add("license_expired");
            }
        }

        return reasons;
    }

    /// <summary>
    /// Where these terms (a sublicence's) would grant more than <paramref name="parent"/> does: empty when they
    /// stay within it. A sublicence never exceeds its parent (EIP-5218).
    /// </summary>
    public IReadOnlyList<string> Excesses(LicenseTerms parent)
    {
        var excesses = new List<string>();
        void Check(bool exceeds, string what)
        {
            if (exceeds)
            {
                excesses.Add(what);
            }
        }

        Check(!parent.Sublicensable, "the parent licence is not sublicensable");
        Check(Commercial && !parent.Commercial, "commercial use");
        Check(Derivatives.Allowed && !parent.Derivatives.Allowed, "derivatives");
        // Dropping a condition the parent puts on derivatives grants more than the parent (ADR 0018).
        Check(Derivatives.Allowed && parent.Derivatives.ApprovalRequired && !Derivatives.ApprovalRequired, "derivatives without approval");
        Check(Derivatives.Allowed && parent.Derivatives.Reciprocal && !Derivatives.Reciprocal, "non-reciprocal derivatives");
        Check(PhysicalProduction && !parent.PhysicalProduction, "physical production");
        Check(AiTraining && !parent.AiTraining, "AI training");
        Check(Transferable && !parent.Transferable, "transferability");
        Check(Exclusivity > parent.Exclusivity, "exclusivity");
        Check(Channels.Except(parent.Channels).Any(), "channels");
        Check(!parent.IsWorldwide && (IsWorldwide || Territories.Except(parent.Territories).Any()), "territories");
        Check(parent.Platforms.Count > 0 && (Platforms.Count == 0 || Platforms.Except(parent.Platforms).Any()), "platforms");
        Check(parent.StartsAt is { } ps && (StartsAt is null || StartsAt < ps), "start date");
        Check(parent.EndsAt is { } pe && (EndsAt is null || EndsAt > pe), "end date");
        return excesses;
    }

    /// <summary>
    /// True when these terms and <paramref name="other"/> cannot both be granted on one design: their windows
    /// overlap and either is fully exclusive, or either is exclusive per channel and they share a channel and a
    /// territory. Platforms are not considered: an exclusive grant in a channel covers every platform in it.
    /// </summary>
    public bool ConflictsWith(LicenseTerms other)
    {
        if (Exclusivity == LicenseExclusivity.None && other.Exclusivity == LicenseExclusivity.None)
        {
            return false;
        }

        var windowsOverlap = (StartsAt ?? DateTime.MinValue) < (other.EndsAt ?? DateTime.MaxValue)
            && (other.StartsAt ?? DateTime.MinValue) < (EndsAt ?? DateTime.MaxValue);
        if (!windowsOverlap)
        {
            return false;
        }

        if (Exclusivity == LicenseExclusivity.Full || other.Exclusivity == LicenseExclusivity.Full)
        {
            return true;
        }

        var territoriesOverlap = IsWorldwide || other.IsWorldwide || Territories.Intersect(other.Territories).Any();
        return territoriesOverlap && Channels.Intersect(other.Channels).Any();
    }

    private static bool IsCurrency(string currency) =>
        currency.Length is >= 2 and <= 10 && currency.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    private static void WriteTime(Utf8JsonWriter json, string name, DateTime? time)
    {
        if (time is { } t)
        {
            json.WriteString(name, t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    // The chain keeps validity windows as uint40 seconds; keep the document's times comparable with them.
    private static DateTime WholeSeconds(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }
}
