using System.Numerics;
using Nethereum.ABI;
using Nethereum.ABI.EIP712;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;

namespace Vfip.Chain.Contracts.LicenseRegistry;

/// <summary>
/// The EIP-712 struct a licensor (the design's owner, or a sublicensable parent's licensee) signs so the service can
/// relay <c>grantWithSig</c>:
/// <c>LicenseGrant(uint256 tokenId,address licensee,uint256 parentId,bytes32 termsHash,uint40 startsAt,uint40 endsAt,bool sublicensable,bool derivativesAllowed,bytes32 salt,uint256 deadline)</c>.
/// </summary>
[Struct("LicenseGrant")]
public sealed class LicenseGrant
{
    [Parameter("uint256", "tokenId", 1)]
    public BigInteger TokenId { get; set; }

    [Parameter("address", "licensee", 2)]
    public string Licensee { get; set; } = null!;

    /// <summary>Zero for a top-level licence.</summary>
    [Parameter("uint256", "parentId", 3)]
    public BigInteger ParentId { get; set; }

    /// <summary>Hash of the canonical terms JSON.</summary>
    [Parameter("bytes32", "termsHash", 4)]
    public byte[] TermsHash { get; set; } = null!;

    /// <summary>Unix seconds; 0 = open.</summary>
    [Parameter("uint40", "startsAt", 5)]
    public BigInteger StartsAt { get; set; }

    /// <summary>Unix seconds, exclusive; 0 = open.</summary>
    [Parameter("uint40", "endsAt", 6)]
    public BigInteger EndsAt { get; set; }

    [Parameter("bool", "sublicensable", 7)]
    public bool Sublicensable { get; set; }

    [Parameter("bool", "derivativesAllowed", 8)]
    public bool DerivativesAllowed { get; set; }

    /// <summary>Makes the licence id unique when identical terms are granted twice to the same licensee.</summary>
    [Parameter("bytes32", "salt", 9)]
    public byte[] Salt { get; set; } = null!;

    [Parameter("uint256", "deadline", 10)]
    public BigInteger Deadline { get; set; }
}

/// <summary>
/// The EIP-712 struct a licensor signs so the service can relay <c>revokeWithSig</c>:
/// <c>LicenseRevocation(uint256 licenseId,bytes32 reasonHash,uint256 deadline)</c>.
/// </summary>
[Struct("LicenseRevocation")]
public sealed class LicenseRevocation
{
    [Parameter("uint256", "licenseId", 1)]
    public BigInteger LicenseId { get; set; }

    [Parameter("bytes32", "reasonHash", 2)]
    public byte[] ReasonHash { get; set; } = null!;

    [Parameter("uint256", "deadline", 3)]
    public BigInteger Deadline { get; set; }
}

/// <summary>
/// The EIP-712 struct a licensee's wallet signs to accept an offer:
/// <c>LicenseAcceptance(string offerId,uint256 tokenId,bytes32 termsHash,address licensee,uint256 deadline)</c>.
/// The contract never checks it (offers are off chain, ADR 0012); VFIP keeps it as evidence. It is signed in the
/// LicenseRegistry's domain so it names the chain and deployment whose grant it asks for.
/// </summary>
[Struct("LicenseAcceptance")]
public sealed class LicenseAcceptance
{
    [Parameter("string", "offerId", 1)]
    public string OfferId { get; set; } = null!;

    [Parameter("uint256", "tokenId", 2)]
    public BigInteger TokenId { get; set; }

    /// <summary>Hash of the offer's canonical terms JSON.</summary>
    [Parameter("bytes32", "termsHash", 3)]
    public byte[] TermsHash { get; set; } = null!;

    [Parameter("address", "licensee", 4)]
    public string Licensee { get; set; } = null!;

    [Parameter("uint256", "deadline", 5)]
    public BigInteger Deadline { get; set; }
}

/// <summary>EIP-712 hashing and signing for one deployed LicenseRegistry, and its licence ids.</summary>
public static class LicenseSignatures
{
    /// <summary>Must match the contract's <c>EIP712("VFIP LicenseRegistry", "1")</c>.</summary>
    public const string DomainName = "VFIP LicenseRegistry";

    public const string DomainVersion = "1";

    /// <summary>The typed-data envelope for a <see cref="LicenseGrant"/> (eth_signTypedData_v4).</summary>
    public static TypedData<Nethereum.ABI.EIP712.Domain> GrantTypedData(long chainId, string licenseRegistryAddress) =>
        TypedData<LicenseGrant>(chainId, licenseRegistryAddress, "LicenseGrant");

    /// <summary>The typed-data envelope for a <see cref="LicenseRevocation"/> (eth_signTypedData_v4).</summary>
    public static TypedData<Nethereum.ABI.EIP712.Domain> RevocationTypedData(long chainId, string licenseRegistryAddress) =>
        TypedData<LicenseRevocation>(chainId, licenseRegistryAddress, "LicenseRevocation");

    /// <summary>The typed-data envelope for a <see cref="LicenseAcceptance"/> (eth_signTypedData_v4).</summary>
    public static TypedData<Nethereum.ABI.EIP712.Domain> AcceptanceTypedData(long chainId, string licenseRegistryAddress) =>
        TypedData<LicenseAcceptance>(chainId, licenseRegistryAddress, "LicenseAcceptance");

    /// <summary>The digest the contract's <c>grantDigest</c> returns for the same values.</summary>
    public static byte[] Digest(LicenseGrant grant, long chainId, string licenseRegistryAddress) =>
        Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(grant, GrantTypedData(chainId, licenseRegistryAddress));

    /// <summary>The digest the contract's <c>revocationDigest</c> returns for the same values.</summary>
    public static byte[] Digest(LicenseRevocation revocation, long chainId, string licenseRegistryAddress) =>
        Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(revocation, RevocationTypedData(chainId, licenseRegistryAddress));

    /// <summary>Signs as the licensor would in their wallet; 65-byte r‖s‖v, 0x hex.</summary>
    public static string Sign(LicenseGrant grant, long chainId, string licenseRegistryAddress, string licensorPrivateKey) =>
        new Eip712TypedDataSigner().SignTypedDataV4(grant, GrantTypedData(chainId, licenseRegistryAddress), new EthECKey(licensorPrivateKey));

    /// <summary>Signs as the licensor would in their wallet; 65-byte r‖s‖v, 0x hex.</summary>
    public static string Sign(LicenseRevocation revocation, long chainId, string licenseRegistryAddress, string licensorPrivateKey) =>
        new Eip712TypedDataSigner().SignTypedDataV4(revocation, RevocationTypedData(chainId, licenseRegistryAddress), new EthECKey(licensorPrivateKey));

    /// <summary>
    /// The id the contract gives this grant (its <c>licenseIdOf</c>): keccak256 of the ABI-encoded fields without the
    /// deadline. Known before the transaction is sent, so an outbox retry can look the licence up instead of granting twice.
    /// </summary>
    public static BigInteger LicenseId(LicenseGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var hash = new ABIEncode().GetSha3ABIEncoded(
            new ABIValue("uint256", grant.TokenId),
            new ABIValue("address", grant.Licensee),
            new ABIValue("uint256", grant.ParentId),
            new ABIValue("bytes32", grant.TermsHash),
            new ABIValue("uint40", grant.StartsAt),
            new ABIValue("uint40", grant.EndsAt),
            new ABIValue("bool", grant.Sublicensable),
            new ABIValue("bool", grant.DerivativesAllowed),
            new ABIValue("bytes32", grant.Salt));
        return new BigInteger(hash, isUnsigned: true, isBigEndian: true);
    }

    private static TypedData<Nethereum.ABI.EIP712.Domain> TypedData<T>(long chainId, string licenseRegistryAddress, string primaryType) => new()
    {
        Domain = new Nethereum.ABI.EIP712.Domain
        {
            Name = DomainName,
            Version = DomainVersion,
            ChainId = chainId,
            VerifyingContract = licenseRegistryAddress,
        },
        Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Nethereum.ABI.EIP712.Domain), typeof(T)),
        PrimaryType = primaryType,
    };
}
