using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Domain.Tests.Licensing;

/// <summary>Licences as the chain indexer sees them: grants and revocations made outside VFIP, and terms known only by hash.</summary>
public sealed class ObservedLicenseTests
{
    private static readonly DateTime Block = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly ChainRecord GrantEvent = new(31337, "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", "42", "0xaa", 9, 0);

    private static readonly ChainRecord RevocationEvent = GrantEvent with { TxHash = "0xbb", BlockNumber = 12 };

    private static LicenseTerms Exclusive => LicensePresets.Get(LicensePresets.Exclusive)!;

    private static License Observed(LicenseTerms? known = null) => License.ObserveGrant(
        "7", "d1", null, "u1", string.Empty, "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", Exclusive.Hash(), known,
        null, Block.AddYears(1), sublicensable: true, derivativesAllowed: true, GrantEvent, Block);

    [Fact]
    public void ObserveGrant_WithoutADocument_IsActiveWithTheChainsFields_AndTermsUnknown()
    {
        var license = Observed();

        Assert.Equal(LicenseStatus.Active, license.Status);
        Assert.Null(license.Terms);
        Assert.Null(license.Salt);
        Assert.Equal(GrantEvent, license.Grant);
        Assert.Equal(Block, license.GrantedAt);
        Assert.True(license.Sublicensable && license.DerivativesAllowed);
        Assert.Equal(LicenseExclusivity.None, license.Exclusivity); // unknown until the terms are
    }

    [Fact]
    public void PublishTerms_AcceptsOnlyTheDocumentWithTheAnchoredHash()
    {
        var license = Observed();

        var mismatch = Assert.Throws<DomainException>(() => license.PublishTerms(Exclusive with { AiTraining = true }));
        Assert.Equal("terms_hash_mismatch", mismatch.Code);
        Assert.Null(license.Terms);

        license.PublishTerms(Exclusive);
        Assert.Equal(Exclusive.Hash(), LicenseTermsHash(license));
        Assert.Equal(LicenseExclusivity.Full, license.Exclusivity);
    }

    [Fact]
    public void ObserveRevocation_OfAnActiveOrRevokingLicence_IsRevokedAtTheBlockTime_AndRepeatsHarmlessly()
    {
        var direct = Observed(Exclusive);
        direct.ObserveRevocation(RevocationEvent, Block.AddHours(1));
        direct.ObserveRevocation(RevocationEvent, Block.AddHours(1));

        Assert.Equal(LicenseStatus.Revoked, direct.Status);
        Assert.Equal(Block.AddHours(1), direct.RevokedAt);
        Assert.Equal("0xbb", direct.RevocationTxHash);

        var throughVfip = Observed(Exclusive);
        throughVfip.Revoke("breach", "u1", Block.AddMinutes(59));
        throughVfip.ObserveRevocation(RevocationEvent, Block.AddHours(1));
        Assert.Equal(LicenseStatus.Revoked, throughVfip.Status);
        Assert.Equal(Block.AddHours(1), throughVfip.RevokedAt);
        Assert.Equal("breach", throughVfip.RevocationReason);
    }

    [Fact]
    public void ObserveGranted_MakesAPendingLicenceActive_AndLeavesAnAnchoredOneAlone()
    {
        var pending = License.Accept("7", "d1", "o1", null, "u1", "u2", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", Exclusive, "0x01", Block);
        pending.ObserveGranted(GrantEvent, Block);
        Assert.Equal(LicenseStatus.Active, pending.Status);

        pending.ObserveGranted(GrantEvent with { TxHash = "0xcc" }, Block.AddHours(1));
        Assert.Equal(GrantEvent, pending.Grant);
        Assert.Equal(Block, pending.GrantedAt);
    }

    private static string LicenseTermsHash(License license) =>
        "0x" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(license.Terms!.CanonicalJson()));
}
