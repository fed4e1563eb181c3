using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Domain.Tests.Licensing;

/// <summary>A self-custody licensor's signatures in the licence's life (ADR 0017).</summary>
public sealed class LicenseWalletSignatureTests
{
    private static readonly DateTime Now = new(2027, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private const string Wallet = "0x8032A3cA1D5a1Da8F1e1F0bFf7a0E3b4C1d229A5";
    private const string Signature = "0xabc";

    [Fact]
    public void Grant_AwaitingAWallet_TakesItsSignatureOnlyBeforeTheDeadline()
    {
        var license = NewLicense();
        license.AwaitGrantSignature(Wallet, Now.AddHours(1).AddTicks(1234));

        Assert.True(license.AwaitsGrantSignature);
        Assert.Equal(0, license.GrantSignatureDeadline!.Value.Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal("signature_expired", Assert.Throws<DomainException>(() => license.Sign(Signature, Now.AddHours(2))).Code);

        license.Sign(Signature, Now);

        Assert.False(license.AwaitsGrantSignature);
        Assert.Equal(LicenseStatus.Pending, license.Status);
        Assert.Equal("license_not_awaiting_signature", Assert.Throws<DomainException>(() => license.Sign(Signature, Now)).Code);
    }

    [Fact]
    public void LapsedSignature_IsDropped_AndTheRequestCanBeRenewed()
    {
        var license = NewLicense();
        license.AwaitGrantSignature(Wallet, Now.AddHours(1));
        license.Sign(Signature, Now);
        Assert.Equal("license_not_awaiting_signature", Assert.Throws<DomainException>(() => license.RenewSignatureRequest(Now.AddDays(1))).Code);

        license.LapseSignature();
        license.RenewSignatureRequest(Now.AddDays(1));

        Assert.True(license.AwaitsGrantSignature);
        Assert.Equal(Now.AddDays(1), license.GrantSignatureDeadline);
    }

    [Fact]
    public void Revocation_ByAWallet_CountsFromNow_AndAwaitsItsSignature()
    {
        var license = NewLicense();
        license.MarkGranted(new ChainRecord(31337, Wallet, "1", "0x01", 1, 0), Now);

        license.Revoke("unpaid", "owner", Now, Wallet, Now.AddHours(1));

        Assert.Equal(LicenseStatus.Revoking, license.Status);
        Assert.Equal(Now, license.RevokedAt);
        Assert.True(license.AwaitsRevocationSignature);
        license.Sign(Signature, Now);
        Assert.False(license.AwaitsRevocationSignature);
        Assert.Equal(Signature, license.RevocationSignature);
    }

    [Fact]
    public void UnsignedGrant_Withdrawn_IsRejectedAndNoLongerInForce_ButASignedOneCannotBe()
    {
        var unsigned = NewLicense();
        unsigned.AwaitGrantSignature(Wallet, Now.AddHours(1));
        var signed = NewLicense();
        signed.AwaitGrantSignature(Wallet, Now.AddHours(1));
        signed.Sign(Signature, Now);

        unsigned.Withdraw("changed my mind");

        Assert.Equal(LicenseStatus.Rejected, unsigned.Status);
        Assert.False(unsigned.IsInForce(Now));
        Assert.Equal("license_not_awaiting_signature", Assert.Throws<DomainException>(() => signed.Withdraw(null)).Code);
    }

    [Fact]
    public void CustodialLicence_AwaitsNoSignature()
    {
        var license = NewLicense();

        Assert.False(license.AwaitsGrantSignature);
        Assert.Equal("license_not_awaiting_signature", Assert.Throws<DomainException>(() => license.Sign(Signature, Now)).Code);
    }

    private static License NewLicense() => License.Accept(
        "1", "design", "offer", null, "owner", "licensee", Wallet, LicensePresets.Get(LicensePresets.Personal)!, "0x" + new string('0', 64), Now);
}
