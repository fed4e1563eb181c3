using System.Globalization;
using System.Numerics;
using Nethereum.Contracts;
using Nethereum.Util;
using Nethereum.Web3;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Contracts.DesignRegistry;
using Vfip.Chain.Hosting;
using Vfip.Chain.LocalChain;
using Xunit.Abstractions;

namespace Vfip.Chain.Tests;

/// <summary><see cref="DesignRegistryGateway"/> as the service's outbox sender uses it, against a real anvil.</summary>
public sealed class DesignRegistryGatewayTests(AnvilFixture chain, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan FastPoll = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task RegisterAsync_ToNewOwner_ReturnsTheRegistrationFromTheReceipt()
    {
        // Arrange
        var gateway = Gateway(DevelopmentKeys.Registrar);
        var registration = NewRegistration(DevelopmentKeys.Designer.Address);

        // Act
        var result = await gateway.RegisterAsync(registration, CancellationToken.None);

        // Assert
        var receipt = await new Web3(chain.RpcUrl).Eth.Transactions.GetTransactionReceipt.SendRequestAsync(result.TxHash);
        var registered = Assert.Single(receipt.DecodeAllEvents<DesignRegisteredEventDTO>());
        Assert.Equal(AnvilFixture.ChainId, result.ChainId);
        Assert.Equal(chain.Registry.Address, result.Contract);
        Assert.Equal(DesignRegistryGateway.TokenIdOf(registration.ContentHash).ToString(CultureInfo.InvariantCulture), result.TokenId);
        Assert.Matches("^0x[0-9a-f]{64}$", result.TxHash);
        Assert.Equal((long)receipt.BlockNumber.Value, result.BlockNumber);
        Assert.Equal((int)registered.Log.LogIndex.Value, result.LogIndex);
        Assert.Equal(DevelopmentKeys.Designer.Address, result.Owner);
    }

    [Fact]
    public async Task RegisterAsync_WhenContentHashAlreadyRegistered_ReturnsExistingRegistrationWithoutSecondToken()
    {
        // Arrange: a fresh owner so balanceOf counts only this design.
        var owner = Nethereum.Signer.EthECKey.GenerateKey().GetPublicAddress();
        var gateway = Gateway(DevelopmentKeys.Registrar);
        var registration = NewRegistration(owner);
        var first = await gateway.RegisterAsync(registration, CancellationToken.None);

        // Act: the retry after, say, a crash between send and record.
        var retry = await gateway.RegisterAsync(registration, CancellationToken.None);

        // Assert
        Assert.Equal(first, retry);
        Assert.Equal(BigInteger.One, await BalanceOfAsync(owner));
    }

    [Fact]
    public async Task RegisterAsync_WhenSameContentRegisteredByAnotherOwner_ReturnsTheOtherOwnersRegistration()
    {
        // Arrange
        var gateway = Gateway(DevelopmentKeys.Registrar);
        var original = NewRegistration(DevelopmentKeys.Designer.Address);
        await gateway.RegisterAsync(original, CancellationToken.None);

        // Act
        var copy = await gateway.RegisterAsync(original with { OwnerAddress = DevelopmentKeys.Other.Address }, CancellationToken.None);

        // Assert: the caller compares owners to tell "mine already" from "someone else's" (409).
        Assert.Equal(DevelopmentKeys.Designer.Address, copy.Owner);
    }

    [Fact]
    public async Task RegisterAsync_WhenSignerIsNotRegistrar_ThrowsChainTransactionFailedWithDecodedReason()
    {
        // Arrange
        var gateway = Gateway(DevelopmentKeys.Other);

        // Act
        var ex = await Assert.ThrowsAsync<ChainTransactionFailedException>(
            () => gateway.RegisterAsync(NewRegistration(DevelopmentKeys.Other.Address), CancellationToken.None));

        // Assert
        Assert.StartsWith("AccessControlUnauthorizedAccount(", ex.Reason);
        Assert.Null(ex.TxHash);
        Assert.DoesNotContain(DevelopmentKeys.Other.PrivateKey[2..], ex.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FindAsync_WhenContentHashUnknown_ReturnsNull()
    {
        var result = await Gateway(DevelopmentKeys.Registrar).FindAsync(AnvilFixture.RandomHash(), CancellationToken.None);

        Assert.Null(result);
    }

    [Fact]
    public async Task FindAsync_AfterRegister_ReturnsTheSameRegistration()
    {
        // Arrange
        var gateway = Gateway(DevelopmentKeys.Registrar);
        var registration = NewRegistration(DevelopmentKeys.Designer.Address);
        var registered = await gateway.RegisterAsync(registration, CancellationToken.None);

        // Act
        var found = await gateway.FindAsync(registration.ContentHash, CancellationToken.None);

        // Assert
        Assert.Equal(registered, found);
    }

    [Fact]
    public async Task RegisterAsync_WithTwoConfirmations_ReturnsOnlyAfterTheNextBlock()
    {
        // Arrange: anvil automines one block per transaction, so the second confirmation needs a mined block.
        var gateway = Gateway(DevelopmentKeys.Registrar, confirmations: 2);

        // Act: wait until the registration's own block is mined (however slow the machine), then a little longer.
        var before = (await chain.LatestBlockAsync()).Number.Value;
        var pending = gateway.RegisterAsync(NewRegistration(DevelopmentKeys.Designer.Address), CancellationToken.None);
        var sendDeadline = DateTime.UtcNow.AddSeconds(30);
        while ((await chain.LatestBlockAsync()).Number.Value <= before && DateTime.UtcNow < sendDeadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var completedBeforeNextBlock = pending.IsCompleted;
        await chain.MineAsync();
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.False(completedBeforeNextBlock);
        Assert.True(result.BlockNumber > 0);
    }

    [Fact]
    public async Task RegisterAsync_WhenCancelledWhileWaitingForConfirmations_ThrowsOperationCanceled()
    {
        // Arrange
        var gateway = Gateway(DevelopmentKeys.Registrar, confirmations: 5);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        // Act / Assert
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => gateway.RegisterAsync(NewRegistration(DevelopmentKeys.Designer.Address), cts.Token));
    }

    [Fact]
    public async Task TransferAsync_FromCustodialAddress_IsSignedByCustodyAndMovesTheToken()
    {
        // Arrange: an owner with no ether whose key only the signer port holds.
        var owner = CirculationFixture.NewAccount();
        var recipient = Nethereum.Signer.EthECKey.GenerateKey().GetPublicAddress();
        var gateway = Gateway(DevelopmentKeys.Registrar, 1, owner);
        var registered = await gateway.RegisterAsync(NewRegistration(owner.Address), CancellationToken.None);

        // Act
        var moved = await gateway.TransferAsync(registered.TokenId, owner.Address, recipient, CancellationToken.None);
        var retried = await gateway.TransferAsync(registered.TokenId, owner.Address, recipient, CancellationToken.None);

        // Assert: the token moved once, in the transaction the owner's address sent; the retry finds that transfer.
        var current = await new Web3(chain.RpcUrl).Eth.GetContractQueryHandler<OwnerOfFunction>()
            .QueryAsync<string>(chain.Registry.Address, new OwnerOfFunction { TokenId = BigInteger.Parse(registered.TokenId, CultureInfo.InvariantCulture) });
        Assert.True(AddressUtil.Current.AreAddressesTheSame(recipient, current));
        var sent = await new Web3(chain.RpcUrl).Eth.Transactions.GetTransactionByHash.SendRequestAsync(moved.TxHash);
        Assert.True(AddressUtil.Current.AreAddressesTheSame(owner.Address, sent.From));
        Assert.Equal(moved, retried);
    }

    [Fact]
    public async Task RegisterAsync_WhenContentHashIsNot32Bytes_ThrowsArgumentException()
    {
        var registration = NewRegistration(DevelopmentKeys.Designer.Address) with { ContentHash = new byte[31] };

        await Assert.ThrowsAsync<ArgumentException>(
            () => Gateway(DevelopmentKeys.Registrar).RegisterAsync(registration, CancellationToken.None));
    }

    private DesignRegistryGateway Gateway(DevelopmentAccount signer, int confirmations = 1, params DevelopmentAccount[] custodial) =>
        new(ChainConnectionSource.For(chain.Connection(signer, confirmations)), new DevelopmentKeySigner(custodial), new TestOutputLogger<DesignRegistryGateway>(output))
        {
            PollInterval = FastPoll,
        };

    private static DesignRegistration NewRegistration(string owner) => new(
        owner,
        AnvilFixture.RandomHash(),
        [AnvilFixture.RandomHash(), AnvilFixture.RandomHash()],
        AnvilFixture.RandomHash(),
        AnvilFixture.MetadataUri());

    private async Task<BigInteger> BalanceOfAsync(string owner) =>
        await new Web3(chain.RpcUrl).Eth.GetContractQueryHandler<BalanceOfFunction>()
            .QueryAsync<BigInteger>(chain.Registry.Address, new BalanceOfFunction { Owner = owner });
}
