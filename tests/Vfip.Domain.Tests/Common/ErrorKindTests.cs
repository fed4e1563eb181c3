using Vfip.Domain.Common;
using Vfip.Domain.Designs;
using Vfip.Domain.Licensing;

namespace Vfip.Domain.Tests.Common;

/// <summary>
/// The domain refuses with the kind clients are answered with (the API maps kind to status): state clashes are
/// conflicts, missing things are not found, bad input is invalid — so no caller re-translates a rule.
/// </summary>
public sealed class ErrorKindTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
    private const string Wallet = "0x8032A3cA1D5a1Da8F1e1F0bFf7a0E3b4C1d229A5";
    private static readonly ChainRecord Record = new(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "42", "0xabc", 7, 1);

    [Fact]
    public void RequestTransfer_Twice_IsAConflict_ToSelf_IsInvalid_BeforeAnchoring_IsAConflict()
    {
        var design = NewDesign();
        AssertRefused(ErrorKind.Conflict, "design_not_anchored", () => design.RequestTransfer("u2", "0x0000000000000000000000000000000000000002"));
        design.MarkAnchored(Record, Now);
        AssertRefused(ErrorKind.Invalid, "transfer_to_self", () => design.RequestTransfer("u1", design.OwnerAddress));

        design.RequestTransfer("u2", "0x0000000000000000000000000000000000000002");

        AssertRefused(ErrorKind.Conflict, "transfer_pending", () => design.RequestTransfer("u3", "0x0000000000000000000000000000000000000003"));
    }

    [Fact]
    public void RequireSignable_ChecksTheStateFirst_ThenTheDeadline()
    {
        var custodial = NewDesign();
        var late = NewDesign(signatureDeadline: Now);

        AssertRefused(ErrorKind.Conflict, "design_not_awaiting_signature", () => custodial.RequireSignable(Now.AddDays(1)));
        AssertRefused(ErrorKind.Invalid, "signature_expired", () => late.RequireSignable(Now.AddSeconds(1)));
        late.RequireSignable(Now);
        Assert.Equal(DesignStatus.AwaitingSignature, late.Status);
    }

    [Fact]
    public void Approvals_Unknown_IsNotFound_DecidedTwice_IsAConflict_WithoutAReason_IsInvalid()
    {
        var parent = new DerivativeParent("p1", "11");
        var design = NewDesign(parents: [parent], approvals: [parent]);

        AssertRefused(ErrorKind.NotFound, "approval_not_found", () => design.ApprovalBy("p9"));
        AssertRefused(ErrorKind.Invalid, "reason_required", () => design.DecideApproval("p1", false, null, "owner1", Now, TimeSpan.Zero));
        design.DecideApproval("p1", true, null, "owner1", Now, TimeSpan.Zero);
        AssertRefused(ErrorKind.Conflict, "approval_already_decided", () => design.DecideApproval("p1", true, null, "owner1", Now, TimeSpan.Zero));
    }

    [Fact]
    public void Revoke_BeforeTheGrant_OrTwice_IsAConflict()
    {
        var license = NewLicense();
        AssertRefused(ErrorKind.Conflict, "license_not_active", () => license.Revoke(null, "owner", Now));
        license.MarkGranted(Record, Now);
        license.Revoke(null, "owner", Now);

        AssertRefused(ErrorKind.Conflict, "license_already_revoked", () => license.Revoke(null, "owner", Now));
    }

    [Fact]
    public void WalletSignature_NotAwaited_IsAConflict_Late_IsInvalid()
    {
        var license = NewLicense();
        AssertRefused(ErrorKind.Conflict, "license_not_awaiting_signature", () => license.RequireSignable(Now));
        license.AwaitGrantSignature(Wallet, Now);

        AssertRefused(ErrorKind.Invalid, "signature_expired", () => license.Sign("0xabc", Now.AddSeconds(1)));
        Assert.True(license.AwaitsGrantSignature);
    }

    [Fact]
    public void TermsOfAnotherHash_AreAConflict_NamingTheAnchoredHash()
    {
        var license = NewLicense();
        var other = LicensePresets.Get(LicensePresets.Personal)! with { AiTraining = true };

        var mismatch = AssertRefused(ErrorKind.Conflict, "terms_hash_mismatch", () => license.RequireAnchoredTerms(other));

        Assert.Equal(license.TermsHash, mismatch.Extensions["termsHash"]);
    }

    [Fact]
    public void InconsistentTerms_AreInvalid()
    {
        var terms = LicensePresets.Get(LicensePresets.Personal)! with { RevenueShareBps = 100 };

        AssertRefused(ErrorKind.Invalid, "revenue_share_requires_commercial", () => terms.Normalise());
    }

    private static DomainException AssertRefused(ErrorKind kind, string code, Action action)
    {
        var error = Assert.Throws<DomainException>(action);
        Assert.Equal(code, error.Code);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    private static Design NewDesign(
        DateTime? signatureDeadline = null, IReadOnlyList<DerivativeParent>? parents = null, IReadOnlyCollection<DerivativeParent>? approvals = null) =>
        Design.Register("d1", "u1", "0x803275140077727b9842E805C624325873f029A5", "Gown", null, DesignCategory.Dress, [],
            [new DesignImage(0, new string('a', 64), new string('0', 64), 100, 10, 10, "image/png", 100, [1])],
            _ => [1], Now, signatureDeadline, parents: parents, approvalsRequired: approvals).Design;

    private static License NewLicense() => License.Accept(
        "1", "design", "offer", null, "owner", "licensee", Wallet, LicensePresets.Get(LicensePresets.Personal)!, "0x" + new string('0', 64), Now);
}
