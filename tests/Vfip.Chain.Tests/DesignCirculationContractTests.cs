using System.Globalization;
using System.Numerics;
using System.Text;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Vfip.Chain.Contracts.LicenseRegistry;
using Vfip.Chain.LocalChain;
using Xunit.Abstractions;
using Dr = Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Chain.Tests;

/// <summary>
/// The circulation side of DesignRegistry (EIP-2981 royalties, transfers, provenance from events) and the gas
/// report for every circulation operation.
/// </summary>
public sealed class DesignCirculationContractTests(CirculationFixture chain, ITestOutputHelper output) : IClassFixture<CirculationFixture>
{
    private const long GasTargetNewOwner = 90_000;

    // ---------------------------------------------------------------- royalties

    [Fact]
    public async Task RoyaltyInfo_AfterOwnerSetsRoyalty_ReturnsReceiverAndShareOfPrice()
    {
        // Arrange
        var owner = await chain.NewFundedAccountAsync();
        var splitter = CirculationFixture.NewAccount().Address;
        var tokenId = await chain.RegisterDesignAsync(owner.Address);

        // Act: 7.5 %
        var receipt = await chain.SendAsync(owner, chain.Designs, new Dr.SetRoyaltyFunction { TokenId = tokenId, Receiver = splitter, Bps = 750 });

        // Assert
        var (receiver, amount) = await RoyaltyInfoAsync(tokenId, 2_000_000);
        Assert.True(AddressUtil.Current.AreAddressesTheSame(splitter, receiver));
        Assert.Equal(new BigInteger(150_000), amount);
        var set = Assert.Single(receipt.DecodeAllEvents<Dr.RoyaltySetEventDTO>()).Event;
        Assert.Equal(tokenId, set.TokenId);
        Assert.Equal(new BigInteger(750), set.Bps);
    }

    [Fact]
    public async Task RoyaltyInfo_WithoutRoyalty_ReturnsZero()
    {
        var tokenId = await chain.RegisterDesignAsync(CirculationFixture.NewAccount().Address);

        var (receiver, amount) = await RoyaltyInfoAsync(tokenId, 1_000_000);

        Assert.True(AddressUtil.Current.AreAddressesTheSame(AddressUtil.ZERO_ADDRESS, receiver));
        Assert.Equal(BigInteger.Zero, amount);
    }

    [Fact]
    public async Task SetRoyalty_WithZeroReceiverAndZeroBps_ClearsTheRoyalty()
    {
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        await chain.SendAsync(owner, chain.Designs, new Dr.SetRoyaltyFunction { TokenId = tokenId, Receiver = owner.Address, Bps = 500 });

        await chain.SendAsync(owner, chain.Designs, new Dr.SetRoyaltyFunction { TokenId = tokenId, Receiver = AddressUtil.ZERO_ADDRESS, Bps = 0 });

        Assert.Equal(BigInteger.Zero, (await RoyaltyInfoAsync(tokenId, 1_000_000)).Amount);
    }

    [Fact]
    public async Task SetRoyalty_WhenCallerIsNotTheOwner_RevertsWithNotTokenOwner()
    {
        // The registrar registers for owners but may not decide their royalties afterwards.
        var tokenId = await chain.RegisterDesignAsync(CirculationFixture.NewAccount().Address);

        foreach (var caller in new[] { DevelopmentKeys.Registrar, DevelopmentKeys.Other })
        {
            var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
                chain.SendAsync(caller, chain.Designs, new Dr.SetRoyaltyFunction { TokenId = tokenId, Receiver = caller.Address, Bps = 10_000 }));
            Assert.True(ex.IsCustomErrorFor<Dr.NotTokenOwnerError>());
        }
    }

    [Fact]
    public async Task SetRoyalty_AboveTenThousandBps_Reverts()
    {
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(owner, chain.Designs, new Dr.SetRoyaltyFunction { TokenId = tokenId, Receiver = owner.Address, Bps = 10_001 }));

        Assert.True(ex.IsCustomErrorFor<Dr.ERC2981InvalidTokenRoyaltyError>());
    }

    [Fact]
    public async Task RegisterWithRoyalty_MintsAndSetsTheRoyaltyInOneTransaction()
    {
        // Arrange
        var owner = CirculationFixture.NewAccount().Address;
        var registration = CirculationFixture.NewRegistration(owner);

        // Act
        var receipt = await chain.SendAsync(DevelopmentKeys.Registrar, chain.Designs, ToRegisterWithRoyalty(registration, owner, 1_000));

        // Assert
        var tokenId = Assert.Single(receipt.DecodeAllEvents<Dr.DesignRegisteredEventDTO>()).Event.TokenId;
        Assert.Single(receipt.DecodeAllEvents<Dr.RoyaltySetEventDTO>());
        var (receiver, amount) = await RoyaltyInfoAsync(tokenId, 10_000);
        Assert.True(AddressUtil.Current.AreAddressesTheSame(owner, receiver));
        Assert.Equal(new BigInteger(1_000), amount);
    }

    [Fact]
    public async Task RegisterWithRoyalty_WhenCallerIsNotRegistrar_RevertsWithAccessControlUnauthorizedAccount()
    {
        var registration = CirculationFixture.NewRegistration(DevelopmentKeys.Other.Address);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Other, chain.Designs, ToRegisterWithRoyalty(registration, DevelopmentKeys.Other.Address, 500)));

        Assert.True(ex.IsCustomErrorFor<Dr.AccessControlUnauthorizedAccountError>());
    }

    [Fact]
    public async Task SupportsInterface_Eip2981_ReturnsTrue()
    {
        var supported = await chain.ReadOnly().Eth.GetContractQueryHandler<Dr.SupportsInterfaceFunction>()
            .QueryAsync<bool>(chain.Designs, new Dr.SupportsInterfaceFunction { InterfaceId = "0x2a55205a".HexToByteArray() });

        Assert.True(supported);
    }

    // ---------------------------------------------------------------- transfers and provenance

    [Fact]
    public async Task TransferFrom_ByTheRegistrar_RevertsWithERC721InsufficientApproval()
    {
        // The registrar mints for owners but holds no approval over what it minted.
        var owner = CirculationFixture.NewAccount();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);

        var ex = await Assert.ThrowsAsync<SmartContractCustomErrorRevertException>(() =>
            chain.SendAsync(DevelopmentKeys.Registrar, chain.Designs,
                new Dr.TransferFromFunction { From = owner.Address, To = DevelopmentKeys.Registrar.Address, TokenId = tokenId }));

        Assert.True(ex.IsCustomErrorFor<Dr.ERC721InsufficientApprovalError>());
        Assert.True(AddressUtil.Current.AreAddressesTheSame(owner.Address, await chain.OwnerOfAsync(tokenId)));
    }

    [Fact]
    public async Task Provenance_IsRebuiltFromEventsAlone()
    {
        // Arrange: register → grant → transfer → revoke, each as a separate transaction.
        var seller = await chain.NewFundedAccountAsync();
        var buyer = await chain.NewFundedAccountAsync();
        var fromBlock = (await chain.ReadOnly().Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        var tokenId = await chain.RegisterDesignAsync(seller.Address);
        var (licenseId, _) = await chain.GrantAsync(seller, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address));
        await chain.SendAsync(seller, chain.Designs, new Dr.TransferFromFunction { From = seller.Address, To = buyer.Address, TokenId = tokenId });
        await chain.SendAsync(buyer, chain.Licenses, new RevokeFunction { LicenseId = licenseId, ReasonHash = new byte[32] });

        // Act: read logs only, filtered by the indexed token id.
        var web3 = chain.ReadOnly();
        var range = (From: new BlockParameter(new Nethereum.Hex.HexTypes.HexBigInteger(fromBlock)), To: BlockParameter.CreateLatest());
        var transfers = await web3.Eth.GetEvent<Dr.TransferEventDTO>(chain.Designs)
            .GetAllChangesAsync(web3.Eth.GetEvent<Dr.TransferEventDTO>(chain.Designs).CreateFilterInput<string, string, BigInteger>(null!, null!, tokenId, range.From, range.To));
        var grants = await web3.Eth.GetEvent<LicenseGrantedEventDTO>(chain.Licenses)
            .GetAllChangesAsync(web3.Eth.GetEvent<LicenseGrantedEventDTO>(chain.Licenses).CreateFilterInput<object, BigInteger>(null!, tokenId, range.From, range.To));
        var revocations = await web3.Eth.GetEvent<LicenseRevokedEventDTO>(chain.Licenses)
            .GetAllChangesAsync(web3.Eth.GetEvent<LicenseRevokedEventDTO>(chain.Licenses).CreateFilterInput<object, BigInteger>(null!, tokenId, range.From, range.To));

        // Assert: mint then sale, one grant, one revocation, in block order.
        Assert.Equal(2, transfers.Count);
        Assert.True(AddressUtil.Current.AreAddressesTheSame(AddressUtil.ZERO_ADDRESS, transfers[0].Event.From));
        Assert.True(AddressUtil.Current.AreAddressesTheSame(buyer.Address, transfers[1].Event.To));
        Assert.Equal(licenseId, Assert.Single(grants).Event.LicenseId);
        Assert.Equal(licenseId, Assert.Single(revocations).Event.LicenseId);
        Assert.True(grants[0].Log.BlockNumber.Value < transfers[1].Log.BlockNumber.Value);
        Assert.True(transfers[1].Log.BlockNumber.Value < revocations[0].Log.BlockNumber.Value);
    }

    // ---------------------------------------------------------------- gas

    [Fact]
    public async Task CirculationGas_IsRecorded_AndRegisterToNewOwnerCostsAtMost90000()
    {
        // Arrange: fresh owners and licensees everywhere, so every figure is the first write of its slots.
        var owner = await chain.NewFundedAccountAsync();
        var custodial = CirculationFixture.NewAccount();
        var registrar = DevelopmentKeys.Registrar;

        // Act
        var register = await chain.SendRegisterAsync(owner.Address);
        var tokenId = Assert.Single(register.DecodeAllEvents<Dr.DesignRegisteredEventDTO>()).Event.TokenId;
        var registerWithRoyalty = await chain.SendAsync(registrar, chain.Designs,
            ToRegisterWithRoyalty(CirculationFixture.NewRegistration(CirculationFixture.NewAccount().Address), CirculationFixture.NewAccount().Address, 500));
        var setRoyalty = await chain.SendAsync(owner, chain.Designs,
            new Dr.SetRoyaltyFunction { TokenId = tokenId, Receiver = CirculationFixture.NewAccount().Address, Bps = 500 });

        var now = await chain.NowAsync();
        var licensee = await chain.NewFundedAccountAsync();
        var grant = CirculationFixture.NewGrant(tokenId, licensee.Address, startsAt: now, endsAt: now + 31_536_000, sublicensable: true, derivativesAllowed: true);
        var (licenseId, grantReceipt) = await chain.GrantAsync(owner, grant);

        var custodialToken = await chain.RegisterDesignAsync(custodial.Address);
        var relayed = CirculationFixture.NewGrant(custodialToken, CirculationFixture.NewAccount().Address, startsAt: now, endsAt: now + 31_536_000, deadline: now + 3600);
        var grantRelayed = await chain.SendAsync(registrar, chain.Licenses,
            CirculationFixture.ToGrantWithSigFunction(relayed, LicenseSignatures.Sign(relayed, CirculationFixture.ChainId, chain.Licenses, custodial.PrivateKey)));

        var (_, sublicense) = await chain.GrantAsync(licensee,
            CirculationFixture.NewGrant(tokenId, CirculationFixture.NewAccount().Address, startsAt: now, endsAt: now + 86_400, parentId: licenseId));

        var childToken = await chain.RegisterDesignAsync(licensee.Address);
        var derivative = await chain.SendAsync(registrar, chain.Licenses,
            new RegisterDerivativeFunction { ChildTokenId = childToken, ParentTokenId = tokenId, LicenseId = licenseId });

        var (toRevoke, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, CirculationFixture.NewAccount().Address));
        var revoke = await chain.SendAsync(owner, chain.Licenses, new RevokeFunction { LicenseId = toRevoke, ReasonHash = AnvilFixture.RandomHash() });

        var transfer = await chain.SendAsync(owner, chain.Designs,
            new Dr.TransferFromFunction { From = owner.Address, To = CirculationFixture.NewAccount().Address, TokenId = tokenId });

        // Assert
        var rows = new (string Case, BigInteger Gas)[]
        {
            ("DesignRegistry.register, new owner, 1 fingerprint, 71-char URI (no royalty)", register.GasUsed.Value),
            ("DesignRegistry.registerWithRoyalty, new owner, 1 fingerprint, 71-char URI", registerWithRoyalty.GasUsed.Value),
            ("DesignRegistry.setRoyalty by owner, first royalty of the design", setRoyalty.GasUsed.Value),
            ("LicenseRegistry.grant by owner, top-level, fixed window", grantReceipt.GasUsed.Value),
            ("LicenseRegistry.grantWithSig relayed by registrar (owner's EOA signature)", grantRelayed.GasUsed.Value),
            ("LicenseRegistry.grant, sublicence by parent's licensee", sublicense.GasUsed.Value),
            ("LicenseRegistry.revoke by owner, top-level licence", revoke.GasUsed.Value),
            ("DesignRegistry.transferFrom by owner, to a new owner (royalty set)", transfer.GasUsed.Value),
            ("LicenseRegistry.registerDerivative by registrar, top-level licence", derivative.GasUsed.Value),
        };
        WriteGasReport(rows);
        Assert.True(register.GasUsed.Value <= GasTargetNewOwner,
            $"register to a new owner used {register.GasUsed.Value} gas, target {GasTargetNewOwner}");
    }

    private static Dr.RegisterWithRoyaltyFunction ToRegisterWithRoyalty(Dr.RegisterFunction registration, string receiver, int bps) => new()
    {
        Owner = registration.Owner,
        ContentHash = registration.ContentHash,
        Fingerprints = registration.Fingerprints,
        MetadataHash = registration.MetadataHash,
        MetadataUri = registration.MetadataUri,
        Receiver = receiver,
        Bps = bps,
    };

    private async Task<(string Receiver, BigInteger Amount)> RoyaltyInfoAsync(BigInteger tokenId, BigInteger salePrice)
    {
        var info = await chain.ReadOnly().Eth.GetContractQueryHandler<Dr.RoyaltyInfoFunction>()
            .QueryDeserializingToObjectAsync<Dr.RoyaltyInfoOutputDTO>(new Dr.RoyaltyInfoFunction { TokenId = tokenId, SalePrice = salePrice }, chain.Designs);
        return (info.Receiver, info.Amount);
    }

    private void WriteGasReport(IEnumerable<(string Case, BigInteger Gas)> rows)
    {
        var report = new StringBuilder()
            .AppendLine("# Circulation gas report")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured by `dotnet test tests/Vfip.Chain.Tests --filter CirculationGas` on anvil (chain {CirculationFixture.ChainId}); receipt gasUsed, including the 21,000 base and calldata.")
            .AppendLine(CultureInfo.InvariantCulture, $"Compiler {Dr.DesignRegistryArtifact.CompilerVersion}.")
            .AppendLine()
            .AppendLine("| case | gas used |")
            .AppendLine("|---|---:|");
        foreach (var (name, gas) in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {gas:N0} |");
        }

        var text = report.ToString();
        output.WriteLine(text);
        // A file of its own: DesignRegistryContractTests writes gas-report.md, and the two classes may run in parallel.
        var path = Path.Combine(Directory.GetCurrentDirectory(), "TestResults", "circulation-gas-report.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        output.WriteLine($"written to {path}");
    }
}
