using System.Globalization;
using System.Numerics;
using System.Text;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.LocalChain;
using Xunit.Abstractions;

namespace Vfip.Chain.Tests;

/// <summary>The DesignRegistry contract itself, driven through the generated bindings against a real anvil.</summary>
public sealed class DesignRegistryContractTests(AnvilFixture chain, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private const long GasTargetNewOwner = 90_000;

    [Fact]
    public async Task Register_ToNewOwner_CostsAtMost90000Gas()
    {
        // Arrange: fresh owners so each figure is the first token of its owner (zero → non-zero balance slot).
        var registrar = chain.Web3For(DevelopmentKeys.Registrar);
        var newOwner = NewAddress();

        // Act
        var toNewOwner = await SendRegisterAsync(registrar, NewRegistration(newOwner));
        var toExistingOwner = await SendRegisterAsync(registrar, NewRegistration(newOwner));
        var withSigNewOwner = await SendRegisterWithSigAsync(chain.Web3For(DevelopmentKeys.Other), NewKey());
        var fiveFingerprints = await SendRegisterAsync(registrar, NewRegistration(NewAddress(), fingerprints: 5));

        // Assert
        var rows = new (string Case, BigInteger Gas)[]
        {
            ("register, new owner, 1 fingerprint, 71-char URI", toNewOwner.GasUsed.Value),
            ("register, existing owner, 1 fingerprint, 71-char URI", toExistingOwner.GasUsed.Value),
            ("registerWithSig, new owner (EOA signature), 1 fingerprint, 71-char URI", withSigNewOwner.GasUsed.Value),
            ("register, new owner, 5 fingerprints, 71-char URI", fiveFingerprints.GasUsed.Value),
        };
        WriteGasReport(rows);
        Assert.True(toNewOwner.GasUsed.Value <= GasTargetNewOwner,
            $"register to a new owner used {toNewOwner.GasUsed.Value} gas, target {GasTargetNewOwner}");
        Assert.True(toExistingOwner.GasUsed.Value < toNewOwner.GasUsed.Value);
    }

    [Fact]
    public async Task Register_WhenContentHashAlreadyRegistered_RevertsWithAlreadyRegistered()
    {
        // Arrange
        var registrar = chain.Web3For(DevelopmentKeys.Registrar);
        var first = NewRegistration(DevelopmentKeys.Designer.Address);
        await SendRegisterAsync(registrar, first);
        var second = NewRegistration(DevelopmentKeys.Other.Address);
        second.ContentHash = first.ContentHash;

        // Act
        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => SendRegisterAsync(registrar, second));

        // Assert
        Assert.True(ex.IsCustomErrorFor<AlreadyRegisteredError>(), RevertDecoder.Decode(ex.ExceptionEncodedData).Description);
        var error = ex.DecodeError<AlreadyRegisteredError>();
        Assert.Equal(DesignRegistryGateway.TokenIdOf(first.ContentHash), error.TokenId);
        Assert.True(AddressUtil.Current.AreAddressesTheSame(DevelopmentKeys.Designer.Address, error.Owner));
    }

    [Fact]
    public async Task Register_WhenCallerIsNotRegistrar_RevertsWithAccessControlUnauthorizedAccount()
    {
        // Arrange
        var stranger = chain.Web3For(DevelopmentKeys.Other);
        var registration = NewRegistration(DevelopmentKeys.Other.Address);

        // Act
        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() => SendRegisterAsync(stranger, registration));

        // Assert
        Assert.True(ex.IsCustomErrorFor<AccessControlUnauthorizedAccountError>());
        Assert.Null(await RegisteredOwnerAsync(registration.ContentHash));
    }

    [Fact]
    public async Task Register_EmitsDesignRegisteredWithFingerprintsMetadataHashAndUri()
    {
        // Arrange
        var registration = NewRegistration(DevelopmentKeys.Designer.Address, fingerprints: 3);

        // Act
        var receipt = await SendRegisterAsync(chain.Web3For(DevelopmentKeys.Registrar), registration);

        // Assert
        var registered = Assert.Single(receipt.DecodeAllEvents<DesignRegisteredEventDTO>()).Event;
        Assert.Equal(DesignRegistryGateway.TokenIdOf(registration.ContentHash), registered.TokenId);
        Assert.True(AddressUtil.Current.AreAddressesTheSame(registration.Owner, registered.Owner));
        Assert.Equal(registration.Fingerprints, registered.Fingerprints);
        Assert.Equal(registration.MetadataHash, registered.MetadataHash);
        Assert.Equal(registration.MetadataUri, registered.MetadataUri);
        var transfer = Assert.Single(receipt.DecodeAllEvents<TransferEventDTO>()).Event;
        Assert.True(AddressUtil.Current.AreAddressesTheSame(transfer.From, AddressUtil.ZERO_ADDRESS));
        Assert.Equal(registered.TokenId, transfer.TokenId);
    }

    [Fact]
    public async Task RegistrationDigest_EqualsNethereumEip712Digest()
    {
        // Arrange
        var registration = NewSignedRegistration(DevelopmentKeys.Designer.Address, deadline: 1_900_000_000);

        // Act
        var onChain = await QueryDigestAsync(registration);
        var offChain = RegistrationSignature.Digest(registration, AnvilFixture.ChainId, chain.Registry.Address);

        // Assert
        Assert.Equal(offChain.ToHex(), onChain.ToHex());
    }

    [Fact]
    public async Task RegisterWithSig_WithOwnersEip712Signature_MintsToSignerWhoeverRelays()
    {
        // Arrange: the designer signs, an unrelated account relays and pays.
        var designer = DevelopmentKeys.Designer;
        var registration = NewSignedRegistration(designer.Address, await DeadlineInAsync(TimeSpan.FromHours(1)));
        var signature = RegistrationSignature.Sign(registration, AnvilFixture.ChainId, chain.Registry.Address, designer.PrivateKey);

        // Act
        var receipt = await SendRegisterWithSigAsync(chain.Web3For(DevelopmentKeys.Other), registration, signature);

        // Assert
        Assert.Equal(1, (int)receipt.Status.Value);
        var owner = await RegisteredOwnerAsync(registration.ContentHash);
        Assert.True(AddressUtil.Current.AreAddressesTheSame(designer.Address, owner));
    }

    [Fact]
    public async Task RegisterWithSig_WhenSignedByAnotherKey_RevertsWithInvalidSignature()
    {
        // Arrange: claims the designer as owner but is signed by someone else.
        var registration = NewSignedRegistration(DevelopmentKeys.Designer.Address, await DeadlineInAsync(TimeSpan.FromHours(1)));
        var forged = RegistrationSignature.Sign(registration, AnvilFixture.ChainId, chain.Registry.Address, DevelopmentKeys.Other.PrivateKey);

        // Act
        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(
            () => SendRegisterWithSigAsync(chain.Web3For(DevelopmentKeys.Other), registration, forged));

        // Assert
        Assert.True(ex.IsCustomErrorFor<InvalidSignatureError>(), RevertDecoder.Decode(ex.ExceptionEncodedData).Description);
        Assert.Null(await RegisteredOwnerAsync(registration.ContentHash));
    }

    [Fact]
    public async Task RegisterWithSig_WhenSignedFieldIsChangedByRelayer_RevertsWithInvalidSignature()
    {
        // Arrange: a relayer cannot swap the metadata URI the owner signed.
        var designer = DevelopmentKeys.Designer;
        var registration = NewSignedRegistration(designer.Address, await DeadlineInAsync(TimeSpan.FromHours(1)));
        var signature = RegistrationSignature.Sign(registration, AnvilFixture.ChainId, chain.Registry.Address, designer.PrivateKey);
        registration.MetadataUri += "?tampered";

        // Act
        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(
            () => SendRegisterWithSigAsync(chain.Web3For(DevelopmentKeys.Other), registration, signature));

        // Assert
        Assert.True(ex.IsCustomErrorFor<InvalidSignatureError>());
    }

    [Fact]
    public async Task RegisterWithSig_WhenDeadlinePassed_RevertsWithSignatureExpired()
    {
        // Arrange
        var designer = DevelopmentKeys.Designer;
        var deadline = await DeadlineInAsync(TimeSpan.FromSeconds(-1));
        var registration = NewSignedRegistration(designer.Address, deadline);
        var signature = RegistrationSignature.Sign(registration, AnvilFixture.ChainId, chain.Registry.Address, designer.PrivateKey);

        // Act
        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(
            () => SendRegisterWithSigAsync(chain.Web3For(DevelopmentKeys.Other), registration, signature));

        // Assert
        Assert.True(ex.IsCustomErrorFor<SignatureExpiredError>(), RevertDecoder.Decode(ex.ExceptionEncodedData).Description);
        Assert.Equal(deadline, ex.DecodeError<SignatureExpiredError>().Deadline);
    }

    [Fact]
    public async Task TokenUri_IsBaseUriSetByAdminFollowedByDecimalTokenId()
    {
        // Arrange
        var registration = NewRegistration(DevelopmentKeys.Designer.Address);
        await SendRegisterAsync(chain.Web3For(DevelopmentKeys.Registrar), registration);
        var admin = chain.Web3For(DevelopmentKeys.Deployer);

        // Act
        await admin.Eth.GetContractTransactionHandler<SetBaseURIFunction>()
            .SendRequestAndWaitForReceiptAsync(chain.Registry.Address, new SetBaseURIFunction { BaseUri = "https://vfip.io/api/v1/tokens/" });
        var uri = await admin.Eth.GetContractQueryHandler<TokenURIFunction>()
            .QueryAsync<string>(chain.Registry.Address, new TokenURIFunction { TokenId = DesignRegistryGateway.TokenIdOf(registration.ContentHash) });

        // Assert
        Assert.Equal("https://vfip.io/api/v1/tokens/" + DesignRegistryGateway.TokenIdOf(registration.ContentHash).ToString(CultureInfo.InvariantCulture), uri);
    }

    [Fact]
    public async Task SetBaseUri_WhenCallerIsNotAdmin_RevertsWithAccessControlUnauthorizedAccount()
    {
        var registrar = chain.Web3For(DevelopmentKeys.Registrar);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            registrar.Eth.GetContractTransactionHandler<SetBaseURIFunction>()
                .SendRequestAndWaitForReceiptAsync(chain.Registry.Address, new SetBaseURIFunction { BaseUri = "https://evil.example/" }));

        Assert.True(ex.IsCustomErrorFor<AccessControlUnauthorizedAccountError>());
    }

    [Theory]
    [InlineData("0x80ac58cd")] // ERC-721
    [InlineData("0x5b5e139f")] // ERC-721 Metadata
    [InlineData("0x7965db0b")] // AccessControl
    [InlineData("0x01ffc9a7")] // ERC-165
    public async Task SupportsInterface_ForImplementedStandards_ReturnsTrue(string interfaceId)
    {
        var supported = await new Web3(chain.RpcUrl).Eth.GetContractQueryHandler<SupportsInterfaceFunction>()
            .QueryAsync<bool>(chain.Registry.Address, new SupportsInterfaceFunction { InterfaceId = interfaceId.HexToByteArray() });

        Assert.True(supported);
    }

    [Fact]
    public async Task Constructor_SetsNameSymbolAndEip712Domain()
    {
        var web3 = new Web3(chain.RpcUrl);

        var name = await web3.Eth.GetContractQueryHandler<NameFunction>().QueryAsync<string>(chain.Registry.Address, new NameFunction());
        var symbol = await web3.Eth.GetContractQueryHandler<SymbolFunction>().QueryAsync<string>(chain.Registry.Address, new SymbolFunction());
        var domain = await web3.Eth.GetContractQueryHandler<Eip712DomainFunction>()
            .QueryDeserializingToObjectAsync<Eip712DomainOutputDTO>(new Eip712DomainFunction(), chain.Registry.Address);

        Assert.Equal("VFIP Design", name);
        Assert.Equal("VFIP", symbol);
        Assert.Equal(RegistrationSignature.DomainName, domain.Name);
        Assert.Equal(RegistrationSignature.DomainVersion, domain.Version);
        Assert.Equal(AnvilFixture.ChainId, (long)domain.ChainId);
    }

    private RegisterFunction NewRegistration(string owner, int fingerprints = 1) => new()
    {
        Owner = owner,
        ContentHash = AnvilFixture.RandomHash(),
        Fingerprints = [.. Enumerable.Range(0, fingerprints).Select(_ => AnvilFixture.RandomHash())],
        MetadataHash = AnvilFixture.RandomHash(),
        MetadataUri = AnvilFixture.MetadataUri(),
    };

    private static Registration NewSignedRegistration(string owner, BigInteger deadline) => new()
    {
        Owner = owner,
        ContentHash = AnvilFixture.RandomHash(),
        Fingerprints = [AnvilFixture.RandomHash()],
        MetadataHash = AnvilFixture.RandomHash(),
        MetadataUri = AnvilFixture.MetadataUri(),
        Deadline = deadline,
    };

    private Task<TransactionReceipt> SendRegisterAsync(Web3 sender, RegisterFunction registration) =>
        sender.Eth.GetContractTransactionHandler<RegisterFunction>().SendRequestAndWaitForReceiptAsync(chain.Registry.Address, registration);

    private async Task<TransactionReceipt> SendRegisterWithSigAsync(Web3 relayer, Nethereum.Signer.EthECKey signer)
    {
        var registration = NewSignedRegistration(signer.GetPublicAddress(), await DeadlineInAsync(TimeSpan.FromHours(1)));
        var signature = RegistrationSignature.Sign(registration, AnvilFixture.ChainId, chain.Registry.Address, signer.GetPrivateKey());
        return await SendRegisterWithSigAsync(relayer, registration, signature);
    }

    private Task<TransactionReceipt> SendRegisterWithSigAsync(Web3 relayer, Registration registration, string signature) =>
        relayer.Eth.GetContractTransactionHandler<RegisterWithSigFunction>().SendRequestAndWaitForReceiptAsync(
            chain.Registry.Address,
            new RegisterWithSigFunction
            {
                Owner = registration.Owner,
                ContentHash = registration.ContentHash,
                Fingerprints = registration.Fingerprints,
                MetadataHash = registration.MetadataHash,
                MetadataUri = registration.MetadataUri,
                Deadline = registration.Deadline,
                Signature = signature.HexToByteArray(),
            });

    private Task<byte[]> QueryDigestAsync(Registration registration) =>
        new Web3(chain.RpcUrl).Eth.GetContractQueryHandler<RegistrationDigestFunction>().QueryAsync<byte[]>(
            chain.Registry.Address,
            new RegistrationDigestFunction
            {
                Owner = registration.Owner,
                ContentHash = registration.ContentHash,
                Fingerprints = registration.Fingerprints,
                MetadataHash = registration.MetadataHash,
                MetadataUri = registration.MetadataUri,
                Deadline = registration.Deadline,
            });

    private async Task<string?> RegisteredOwnerAsync(byte[] contentHash)
    {
        var owner = await new Web3(chain.RpcUrl).Eth.GetContractQueryHandler<RegisteredOwnerFunction>()
            .QueryAsync<string>(chain.Registry.Address, new RegisteredOwnerFunction { ContentHash = contentHash });
        return AddressUtil.Current.AreAddressesTheSame(owner, AddressUtil.ZERO_ADDRESS) ? null : owner;
    }

    private async Task<BigInteger> DeadlineInAsync(TimeSpan offset)
    {
        var latest = await chain.LatestBlockAsync();
        return latest.Timestamp.Value + (BigInteger)offset.TotalSeconds;
    }

    private static string NewAddress() => NewKey().GetPublicAddress();

    private static Nethereum.Signer.EthECKey NewKey() => Nethereum.Signer.EthECKey.GenerateKey();

    private void WriteGasReport(IEnumerable<(string Case, BigInteger Gas)> rows)
    {
        var report = new StringBuilder()
            .AppendLine("# DesignRegistry gas report")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured by `dotnet test tests/Vfip.Chain.Tests` on anvil (chain {AnvilFixture.ChainId}); receipt gasUsed, including the 21,000 base and calldata.")
            .AppendLine(CultureInfo.InvariantCulture, $"Compiler {DesignRegistryArtifact.CompilerVersion}.")
            .AppendLine()
            .AppendLine("| case | gas used |")
            .AppendLine("|---|---:|");
        foreach (var (name, gas) in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {gas:N0} |");
        }

        var text = report.ToString();
        output.WriteLine(text);
        var path = Path.Combine(Directory.GetCurrentDirectory(), "TestResults", "gas-report.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        output.WriteLine($"written to {path}");
    }
}
