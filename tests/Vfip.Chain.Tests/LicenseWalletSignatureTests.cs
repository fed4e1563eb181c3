using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Vfip.Application.Common.Abstractions;

namespace Vfip.Chain.Tests;

/// <summary>
/// What a wallet is handed for a licence (ADR 0017) is what the gateway checks: the typed-data JSON, signed as a wallet
/// signs it (eth_signTypedData_v4 over the JSON), recovers to the signer, and any other field or domain does not.
/// </summary>
public sealed class LicenseWalletSignatureTests
{
    private const long ChainId = 31337;
    private const string Contract = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    private static readonly DateTime Deadline = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Kinds => new() { "grant", "revocation", "acceptance" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TypedData_SignedAsAWalletDoes_RecoversToTheSigner(string kind)
    {
        var wallet = EthECKey.GenerateKey();
        var signable = Signable(kind, wallet.GetPublicAddress());

        var signature = new Eip712TypedDataSigner().SignTypedDataV4(LicenseRegistryGateway.TypedDataToSign(signable, ChainId, Contract), wallet);

        Assert.Equal(wallet.GetPublicAddress(), LicenseRegistryGateway.RecoverSigner(signable, signature, ChainId, Contract));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Signature_OverOtherValuesOrAnotherDeployment_RecoversToSomeoneElse(string kind)
    {
        var wallet = EthECKey.GenerateKey();
        var signable = Signable(kind, wallet.GetPublicAddress());
        var signature = new Eip712TypedDataSigner().SignTypedDataV4(LicenseRegistryGateway.TypedDataToSign(signable, ChainId, Contract), wallet);

        Assert.NotEqual(wallet.GetPublicAddress(), LicenseRegistryGateway.RecoverSigner(signable with { Deadline = Deadline.AddSeconds(1) }, signature, ChainId, Contract));
        Assert.NotEqual(wallet.GetPublicAddress(), LicenseRegistryGateway.RecoverSigner(signable, signature, ChainId + 1, Contract));
        Assert.Null(LicenseRegistryGateway.RecoverSigner(signable, "0x1234", ChainId, Contract));
    }

    [Fact]
    public void Acceptance_ForAnotherOffer_RecoversToSomeoneElse()
    {
        var wallet = EthECKey.GenerateKey();
        var acceptance = (AcceptanceSignable)Signable("acceptance", wallet.GetPublicAddress());
        var signature = new Eip712TypedDataSigner().SignTypedDataV4(LicenseRegistryGateway.TypedDataToSign(acceptance, ChainId, Contract), wallet);

        Assert.NotEqual(wallet.GetPublicAddress(), LicenseRegistryGateway.RecoverSigner(acceptance with { OfferId = "another" }, signature, ChainId, Contract));
    }

    private static LicenseSignable Signable(string kind, string address) => kind switch
    {
        "grant" => new GrantSignable(new LicenseGrantRequest("12345", address, "0", new byte[32], 0, 0, true, false, Enumerable.Repeat((byte)7, 32).ToArray()), Deadline),
        "revocation" => new RevocationSignable("987654321", Enumerable.Repeat((byte)1, 32).ToArray(), Deadline),
        _ => new AcceptanceSignable("0192f0c7a1b24c4c9d1f3c5e7a9b0d12", "12345", Enumerable.Repeat((byte)2, 32).ToArray(), address, Deadline),
    };
}
