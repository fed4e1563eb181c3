using System.Numerics;
using Nethereum.ABI.EIP712;
// Nethereum.ABI.EIP712.Domain is spelled out below: inside namespace Vfip.*, "Domain" means the Vfip.Domain namespace.
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;

namespace Vfip.Chain.Contracts.DesignRegistry;

/// <summary>
/// The EIP-712 struct a designer signs so the service can relay <c>registerWithSig</c> for them:
/// <c>Registration(address owner,bytes32 contentHash,bytes32[] fingerprints,bytes32 metadataHash,string metadataUri,uint256 deadline)</c>.
/// </summary>
[Struct("Registration")]
public sealed class Registration
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = null!;

    [Parameter("bytes32", "contentHash", 2)]
    public byte[] ContentHash { get; set; } = null!;

    [Parameter("bytes32[]", "fingerprints", 3)]
    public List<byte[]> Fingerprints { get; set; } = null!;

    [Parameter("bytes32", "metadataHash", 4)]
    public byte[] MetadataHash { get; set; } = null!;

    [Parameter("string", "metadataUri", 5)]
    public string MetadataUri { get; set; } = null!;

    [Parameter("uint256", "deadline", 6)]
    public BigInteger Deadline { get; set; }
}

/// <summary>EIP-712 hashing and signing of <see cref="Registration"/> for one deployed DesignRegistry.</summary>
public static class RegistrationSignature
{
    /// <summary>Must match the contract's <c>EIP712("VFIP DesignRegistry", "1")</c>.</summary>
    public const string DomainName = "VFIP DesignRegistry";

    public const string DomainVersion = "1";

    /// <summary>The typed-data envelope (domain + types) wallets are asked to sign (eth_signTypedData_v4).</summary>
    public static TypedData<Nethereum.ABI.EIP712.Domain> TypedData(long chainId, string registryAddress) => new()
    {
        Domain = new Nethereum.ABI.EIP712.Domain
        {
            Name = DomainName,
            Version = DomainVersion,
            ChainId = chainId,
            VerifyingContract = registryAddress,
        },
        Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Nethereum.ABI.EIP712.Domain), typeof(Registration)),
        PrimaryType = "Registration",
    };

    /// <summary>The digest the contract's <c>registrationDigest</c> returns for the same values.</summary>
    public static byte[] Digest(Registration registration, long chainId, string registryAddress) =>
        Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(registration, TypedData(chainId, registryAddress));

    /// <summary>Signs as the owner would in their wallet; 65-byte r‖s‖v, 0x hex.</summary>
    public static string Sign(Registration registration, long chainId, string registryAddress, string ownerPrivateKey) =>
        new Eip712TypedDataSigner().SignTypedDataV4(registration, TypedData(chainId, registryAddress), new EthECKey(ownerPrivateKey));
}
