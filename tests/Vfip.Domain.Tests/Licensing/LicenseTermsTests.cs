using System.Text;
using Vfip.Domain.Common;
using Vfip.Domain.Licensing;

namespace Vfip.Domain.Tests.Licensing;

public sealed class LicenseTermsTests
{
    private static readonly DateTime March = new(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static LicenseTerms Commercial => LicensePresets.Get(LicensePresets.Commercial)!;

    [Fact]
    public void CanonicalJson_IsTheSameForEquivalentTerms_AndFixedInShape()
    {
        var a = Commercial with { Territories = ["FR", "DE", "FR"], Platforms = [" Roblox", "zepeto"], Channels = [LicenseChannel.Games, LicenseChannel.Ar] };
        var b = Commercial with { Territories = ["DE", "FR"], Platforms = ["ZEPETO", "roblox"], Channels = [LicenseChannel.Ar, LicenseChannel.Games] };

        Assert.Equal(a.Hash(), b.Hash());
        Assert.Equal(
            """{"aiTraining":false,"attribution":true,"channels":["games","ar"],"commercial":true,"derivatives":{"allowed":false,"approvalRequired":false,"attribution":false,"reciprocal":false},"endsAt":null,"exclusivity":"none","physicalProduction":false,"platforms":["roblox","zepeto"],"revenueShareBps":0,"startsAt":null,"sublicensable":false,"territories":["DE","FR"],"transferable":false,"upfrontFee":null,"version":1}""",
            Encoding.UTF8.GetString(a.CanonicalJson()));
        Assert.Matches("^0x[0-9a-f]{64}$", a.Hash());
    }

    [Fact]
    public void Hash_ChangesWithAnyTerm_AndIgnoresSubSecondTimeAndFeeTrailingZeros()
    {
        Assert.NotEqual(Commercial.Hash(), (Commercial with { AiTraining = true }).Hash());
        Assert.Equal(
            (Commercial with { EndsAt = March, UpfrontFee = new UpfrontFee(25.50m, "EUR") }).Hash(),
            (Commercial with { EndsAt = March.AddMilliseconds(400), UpfrontFee = new UpfrontFee(25.5m, "EUR") }).Hash());
    }

    [Fact]
    public void Presets_AreAllConsistent()
    {
        foreach (var name in LicensePresets.Names)
        {
            var terms = LicensePresets.Get(name)!;
            Assert.Equal(terms.Hash(), terms.Normalise().Hash());
        }

        Assert.Null(LicensePresets.Get("everything"));
        Assert.True(LicensePresets.Get(LicensePresets.Remix)!.Derivatives.Allowed);
        Assert.Equal(LicenseExclusivity.Full, LicensePresets.Get(LicensePresets.Exclusive)!.Exclusivity);
    }

    public static TheoryData<string> Presets => new(LicensePresets.Names);

    [Theory]
    [MemberData(nameof(Presets))]
    public void FromCanonicalJson_ReadsAPresetBack_ToTheSameBytes(string preset)
    {
        var json = LicensePresets.Get(preset)!.CanonicalJson();

        Assert.Equal(json, LicenseTerms.FromCanonicalJson(Encoding.UTF8.GetString(json)).CanonicalJson());
    }

    [Fact]
    public void FromCanonicalJson_ReadsEveryField_AndTheHashIsTheOneTheJsonHashesTo()
    {
        var terms = Commercial with
        {
            Derivatives = new DerivativeTerms(true, true, ApprovalRequired: true, Reciprocal: false),
            RevenueShareBps = 250,
            UpfrontFee = new UpfrontFee(25.50m, "EUR"),
            Territories = ["FR", "DE"],
            Channels = [LicenseChannel.Games, LicenseChannel.Film],
            Platforms = ["Roblox"],
            PhysicalProduction = true,
            Exclusivity = LicenseExclusivity.Channel,
            Sublicensable = true,
            StartsAt = March,
            EndsAt = March.AddYears(1),
        };
        var json = Encoding.UTF8.GetString(terms.CanonicalJson());

        var read = LicenseTerms.FromCanonicalJson(json);

        Assert.Equal(json, Encoding.UTF8.GetString(read.CanonicalJson()));
        Assert.Equal("0x" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(json))), read.Hash());
        Assert.Equal((25.5m, "EUR"), (read.UpfrontFee!.Amount, read.UpfrontFee.Currency));
        Assert.Equal((March, DateTimeKind.Utc), (read.StartsAt!.Value, read.StartsAt.Value.Kind));
        Assert.Equal([LicenseChannel.Games, LicenseChannel.Film], read.Channels);
        Assert.Equal(["DE", "FR"], read.Territories);
        Assert.Equal(["roblox"], read.Platforms);
        Assert.Equal(new DerivativeTerms(true, true, true, false), read.Derivatives);
        Assert.Equal(LicenseExclusivity.Channel, read.Exclusivity);
    }

    [Fact]
    public void FromCanonicalJson_KeepsTheDefaultOfAFieldTheDocumentLacks()
    {
        var read = LicenseTerms.FromCanonicalJson("""{"channels":["games"],"version":1}""");

        Assert.Equal((LicenseTerms.Default with { Channels = [LicenseChannel.Games] }).Hash(), read.Hash());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"channels":["radio"],"version":1}""")]
    [InlineData("""{"channels":["games"],"exclusivity":"total","version":1}""")]
    [InlineData("""{"channels":"games","version":1}""")]
    public void FromCanonicalJson_RefusesWhatIsNotATermsDocument(string json)
    {
        Assert.Throws<FormatException>(() => LicenseTerms.FromCanonicalJson(json));
    }

    public static TheoryData<string, LicenseTerms> InconsistentTerms => new()
    {
        { "revenue_share_requires_commercial", LicensePresets.Get(LicensePresets.Personal)! with { RevenueShareBps = 500 } },
        { "invalid_revenue_share", Commercial with { RevenueShareBps = 10_001 } },
        { "derivative_terms_without_derivatives", Commercial with { Derivatives = new DerivativeTerms(false, false, false, Reciprocal: true) } },
        { "channels_required", Commercial with { Channels = [] } },
        { "territories_required", Commercial with { Territories = [] } },
        { "invalid_territory", Commercial with { Territories = ["worldwide", "FR"] } },
        { "invalid_territory", Commercial with { Territories = ["France"] } },
        { "invalid_fee", Commercial with { UpfrontFee = new UpfrontFee(0, "EUR") } },
        { "invalid_fee", Commercial with { UpfrontFee = new UpfrontFee(10, "euros") } },
        { "invalid_validity", Commercial with { StartsAt = March, EndsAt = March } },
        { "invalid_platform", Commercial with { Platforms = [" "] } },
        { "unsupported_terms_version", Commercial with { Version = 2 } },
    };

    [Theory]
    [MemberData(nameof(InconsistentTerms))]
    public void Normalise_RefusesInconsistentCombinations_WithAStableCode(string code, LicenseTerms terms)
    {
        var error = Assert.Throws<DomainException>(() => terms.Normalise());

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Refusals_CheckOnlyWhatTheUseNames()
    {
        var terms = (Commercial with { Channels = [LicenseChannel.Games], Territories = ["FR"], Platforms = ["roblox"], StartsAt = March, EndsAt = March.AddYears(1) }).Normalise();

        Assert.Empty(terms.Refusals(new LicenseUse(null, null, null, null, null)));
        Assert.Empty(terms.Refusals(new LicenseUse(LicenseChannel.Games, true, "Roblox", "fr", March.AddDays(1))));
        Assert.Equal(["channel_not_licensed"], terms.Refusals(new LicenseUse(LicenseChannel.Film, null, null, null, null)));
        Assert.Equal(["platform_not_licensed"], terms.Refusals(new LicenseUse(null, null, "fortnite", null, null)));
        Assert.Equal(["territory_not_licensed"], terms.Refusals(new LicenseUse(null, null, null, "US", null)));
        Assert.Equal(["license_not_started"], terms.Refusals(new LicenseUse(null, null, null, null, March.AddSeconds(-1))));
        Assert.Equal(["license_expired"], terms.Refusals(new LicenseUse(null, null, null, null, March.AddYears(1))));
        Assert.Equal(
            ["commercial_use_not_licensed"],
            LicensePresets.Get(LicensePresets.Personal)!.Refusals(new LicenseUse(null, true, null, null, null)));
    }

    [Fact]
    public void Excesses_NameWhatASublicenceWouldAddToItsParent()
    {
        var parent = (Commercial with { Sublicensable = true, Channels = [LicenseChannel.Games], Territories = ["FR", "DE"], EndsAt = March }).Normalise();

        Assert.Empty((parent with { Territories = ["FR"] }).Excesses(parent));
        Assert.Equal(
            ["channels", "territories", "end date"],
            (parent with { Channels = [LicenseChannel.Games, LicenseChannel.Film], Territories = ["worldwide"], EndsAt = null }).Excesses(parent));
        Assert.Contains("the parent licence is not sublicensable", parent.Excesses(parent with { Sublicensable = false }));
    }

    [Fact]
    public void Excesses_NameADerivativeConditionTheSublicenceDrops()
    {
        var shareAlike = (Commercial with { Sublicensable = true, Derivatives = new DerivativeTerms(true, true, ApprovalRequired: true, Reciprocal: true) }).Normalise();

        Assert.Empty(shareAlike.Excesses(shareAlike));
        Assert.Empty((shareAlike with { Derivatives = DerivativeTerms.None }).Excesses(shareAlike));
        Assert.Equal(
            ["derivatives without approval", "non-reciprocal derivatives"],
            (shareAlike with { Derivatives = new DerivativeTerms(true, true, false, false) }).Excesses(shareAlike));
    }

    [Fact]
    public void ConflictsWith_OnlyWhenAnExclusiveGrantOverlapsInChannelTerritoryAndTime()
    {
        var games = Commercial with { Channels = [LicenseChannel.Games], Territories = ["FR"] };
        var exclusiveGames = games with { Exclusivity = LicenseExclusivity.Channel };

        Assert.False(games.ConflictsWith(games));
        Assert.True(exclusiveGames.ConflictsWith(games));
        Assert.True(games.ConflictsWith(exclusiveGames with { Territories = ["worldwide"] }));
        Assert.False(exclusiveGames.ConflictsWith(games with { Channels = [LicenseChannel.Film] }));
        Assert.False(exclusiveGames.ConflictsWith(games with { Territories = ["DE"] }));
        Assert.False((exclusiveGames with { EndsAt = March }).ConflictsWith(games with { StartsAt = March }));
        Assert.True((games with { Exclusivity = LicenseExclusivity.Full }).ConflictsWith(games with { Channels = [LicenseChannel.Film], Territories = ["DE"] }));
    }
}
