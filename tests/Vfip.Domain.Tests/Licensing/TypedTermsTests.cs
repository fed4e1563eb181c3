using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Domain.Tests.Licensing;

/// <summary>Licences and offers hold their terms as a value: normalised, and the canonical JSON of that value is what TermsHash hashes.</summary>
public sealed class TypedTermsTests
{
    private static readonly DateTime Now = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly ChainRecord GrantEvent = new(31337, "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", "42", "0xaa", 9, 0);

    // Not in canonical form: unsorted, duplicated, mixed case, sub-second times.
    private static LicenseTerms Untidy => LicensePresets.Get(LicensePresets.Remix)! with
    {
        Territories = ["FR", "DE", "FR"],
        Platforms = [" Roblox", "ZEPETO"],
        EndsAt = Now.AddYears(1).AddMilliseconds(400),
    };

    [Fact]
    public void Accept_KeepsTheNormalisedTerms_AndTermsHashIsTheirCanonicalHash()
    {
        var license = License.Accept("7", "d1", "o1", null, "u1", "u2", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", Untidy, "0x01", Now);

        Assert.NotNull(license.Terms);
        Assert.Equal(["DE", "FR"], license.Terms.Territories);
        Assert.Equal(["roblox", "zepeto"], license.Terms.Platforms);
        Assert.Equal(Now.AddYears(1), license.Terms.EndsAt);
        Assert.Equal(Untidy.Hash(), license.TermsHash);
        Assert.Equal(license.TermsHash, Sha256(license.Terms.CanonicalJson()));
        Assert.Equal(license.Terms.EndsAt, license.EndsAt);
    }

    [Fact]
    public void Offer_KeepsTheNormalisedTerms_AndTheirHash()
    {
        var offer = LicenseOffer.Create("o1", "d1", "u1", Untidy, Now);

        Assert.Equal(["roblox", "zepeto"], offer.Terms.Platforms);
        Assert.Equal(Untidy.Hash(), offer.TermsHash);
        Assert.Equal(offer.TermsHash, Sha256(offer.Terms.CanonicalJson()));
    }

    [Fact]
    public void InheritedOffer_CarriesTheParentLicencesTerms_AndRefusesUnknownOnes()
    {
        var parent = License.Accept("7", "d1", "o1", null, "u1", "u2", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", Untidy, "0x01", Now);

        var inherited = LicenseOffer.Inherit("o2", "d2", "u2", parent, Now);

        Assert.Same(parent.Terms, inherited.Terms);
        Assert.Equal(parent.TermsHash, inherited.TermsHash);
        Assert.Equal("7", inherited.InheritedFromLicenseId);

        var unknown = License.ObserveGrant(
            "8", "d1", null, "u1", string.Empty, "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", Untidy.Hash(), null,
            null, null, sublicensable: false, derivativesAllowed: true, GrantEvent, Now);
        Assert.Null(unknown.Terms);
        Assert.Equal("license_terms_unknown", Assert.Throws<DomainException>(() => LicenseOffer.Inherit("o3", "d2", "u2", unknown, Now)).Code);

        unknown.PublishTerms(Untidy);
        Assert.Equal(parent.Terms!.CanonicalJson(), unknown.Terms!.CanonicalJson());
    }

    private static string Sha256(byte[] bytes) => "0x" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
