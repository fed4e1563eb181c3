using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Domain.Tests.Licensing;

/// <summary>A licence raises an event exactly when a grant or a revocation can be sent on chain.</summary>
public sealed class LicenseEventTests
{
    private static readonly DateTime Now = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private const string Wallet = "0x8032A3cA1D5a1Da8F1e1F0bFf7a0E3b4C1d229A5";
    private static readonly ChainRecord Grant = new(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "42", "0xabc", 7, 1);

    [Fact]
    public void RequestGrant_SignedByTheService_IsQueuedAtOnce()
    {
        var license = NewLicense();
        Assert.Empty(license.DomainEvents);

        license.RequestGrant(walletSigner: null, Now.AddHours(1));

        Assert.Equal([new LicenseGrantQueued("1")], license.DomainEvents);
        Assert.False(license.AwaitsGrantSignature);
    }

    [Fact]
    public void RequestGrant_FromAWallet_IsQueuedOnlyWhenTheWalletSigns()
    {
        var license = NewLicense();

        license.RequestGrant(Wallet, Now.AddHours(1));
        Assert.Empty(license.DomainEvents);
        Assert.True(license.AwaitsGrantSignature);
        license.Sign("0xsig", Now);

        Assert.Equal([new LicenseGrantQueued("1")], license.DomainEvents);
    }

    [Fact]
    public void RequestGrant_OfALicenceNoLongerPending_IsRefused()
    {
        var license = NewLicense();
        license.MarkGranted(Grant, Now);

        Assert.Equal("license_not_pending", Assert.Throws<DomainException>(() => license.RequestGrant(null, Now)).Code);
        Assert.Empty(license.DomainEvents);
    }

    [Fact]
    public void Revoke_ByTheService_IsQueuedAtOnce_ByAWallet_WhenSigned()
    {
        var byService = Granted();
        var byWallet = Granted();

        byService.Revoke("breach", "owner", Now);
        byWallet.Revoke("breach", "owner", Now, Wallet, Now.AddHours(1));

        Assert.Equal([new LicenseRevocationQueued("1")], byService.DomainEvents);
        Assert.Empty(byWallet.DomainEvents);
        byWallet.Sign("0xsig", Now);
        Assert.Equal([new LicenseRevocationQueued("1")], byWallet.DomainEvents);
    }

    private static License Granted()
    {
        var license = NewLicense();
        license.MarkGranted(Grant, Now);
        return license;
    }

    private static License NewLicense() => License.Accept(
        "1", "design", "offer", null, "owner", "licensee", Wallet, LicensePresets.Get(LicensePresets.Personal)!, "0x" + new string('0', 64), Now);
}
