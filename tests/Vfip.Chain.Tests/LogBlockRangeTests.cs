using System.Globalization;
using System.Numerics;
using Vfip.Application.Common.Abstractions;
using Vfip.Chain.Contracts.LicenseRegistry;
using Vfip.Chain.Hosting;
using Vfip.Chain.LocalChain;
using Vfip.Chain.Tests.Support;
using Xunit.Abstractions;
using Dr = Vfip.Chain.Contracts.DesignRegistry;

namespace Vfip.Chain.Tests;

/// <summary>
/// The adapters' log queries (provenance, and the look-ups that recover a registration, transfer or grant) against a
/// provider that refuses <c>eth_getLogs</c> over more than two blocks (<see cref="RpcProxy"/> in front of anvil), with
/// <c>Chain:MaxLogBlockRange</c> = 2: every query is paged and still finds everything.
/// </summary>
public sealed class LogBlockRangeTests(CirculationFixture chain, ITestOutputHelper output) : IClassFixture<CirculationFixture>, IAsyncLifetime
{
    private const int Cap = 2;

    private RpcProxy _provider = null!;

    public Task InitializeAsync()
    {
        _provider = new RpcProxy(chain.RpcUrl, maxLogBlockRange: Cap);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task Provenance_OnAProviderCappingLogRanges_ReturnsEveryEvent_AsTheUncappedNodeDoes()
    {
        // Arrange: a token whose history spans many blocks, with empty blocks between its events.
        var owner = await chain.NewFundedAccountAsync();
        var buyer = CirculationFixture.NewAccount();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        await MineAsync(3);
        var (licenseId, _) = await chain.GrantAsync(owner, CirculationFixture.NewGrant(tokenId, DevelopmentKeys.Other.Address));
        await MineAsync(3);
        await chain.SendAsync(owner, chain.Licenses, new RevokeFunction { LicenseId = licenseId, ReasonHash = new byte[32] });
        await MineAsync(3);
        await chain.SendAsync(owner, chain.Designs, new Dr.TransferFromFunction { From = owner.Address, To = buyer.Address, TokenId = tokenId });
        var token = tokenId.ToString(CultureInfo.InvariantCulture);
        var unpaged = await new ChainHistoryReader(ChainConnectionSource.For(Connection(chain.RpcUrl, int.MaxValue)))
            .GetTokenHistoryAsync(token, CancellationToken.None);

        // Act
        var paged = await new ChainHistoryReader(ChainConnectionSource.For(Connection(_provider.Url, Cap)))
            .GetTokenHistoryAsync(token, CancellationToken.None);

        // Assert
        Assert.Equal(["registered", "license_granted", "license_revoked", "transferred"], paged.Select(e => e.Kind));
        Assert.Equal(unpaged, paged);
        Assert.All(_provider.LogSpans, span => Assert.InRange(span, 1, Cap));
        var windows = LogPages.Windows(chain.DeploymentBlock, paged[^1].Chain.BlockNumber, Cap).Count();
        output.WriteLine($"{_provider.Count("eth_getLogs")} eth_getLogs for 7 queries over {windows}+ windows of {Cap} blocks");
        Assert.True(_provider.Count("eth_getLogs") >= 7 * windows);
    }

    [Fact]
    public async Task Provenance_RepeatedWithinItsCacheWindow_AsksTheNodeOnce()
    {
        var owner = await chain.NewFundedAccountAsync();
        var token = (await chain.RegisterDesignAsync(owner.Address)).ToString(CultureInfo.InvariantCulture);
        await using var node = new RpcProxy(chain.RpcUrl); // uncapped: this counts requests only
        var reader = new ChainHistoryReader(ChainConnectionSource.For(Connection(node.Url, ChainConnection.DefaultMaxLogBlockRange)));
        var first = await reader.GetTokenHistoryAsync(token, CancellationToken.None);
        var once = node.Total;

        var again = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => reader.GetTokenHistoryAsync(token, CancellationToken.None)));

        output.WriteLine($"one read: {once} requests ({node.Count("eth_getLogs")} eth_getLogs); 20 more reads: {node.Total - once}");
        Assert.All(again, history => Assert.Equal(first, history));
        Assert.Equal(once, node.Total);
    }

    [Fact]
    public async Task Provenance_AfterItsCacheWindow_IsReadAgain()
    {
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var clock = new ManualClock();
        var reader = new ChainHistoryReader(ChainConnectionSource.For(Connection(_provider.Url, Cap)), clock);
        var token = tokenId.ToString(CultureInfo.InvariantCulture);
        Assert.Single(await reader.GetTokenHistoryAsync(token, CancellationToken.None));
        await chain.SendAsync(owner, chain.Designs, new Dr.TransferFromFunction { From = owner.Address, To = DevelopmentKeys.Other.Address, TokenId = tokenId });

        clock.Advance(ChainHistoryReader.CacheFor - TimeSpan.FromMilliseconds(1));
        var cached = await reader.GetTokenHistoryAsync(token, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var fresh = await reader.GetTokenHistoryAsync(token, CancellationToken.None);

        Assert.Single(cached);
        Assert.Equal(["registered", "transferred"], fresh.Select(e => e.Kind));
    }

    [Fact]
    public async Task FindAsync_OnAProviderCappingLogRanges_FindsARegistrationManyBlocksBack_InAFewRequests()
    {
        var registration = CirculationFixture.NewRegistration(DevelopmentKeys.Designer.Address);
        var receipt = await chain.SendAsync(DevelopmentKeys.Registrar, chain.Designs, registration);
        await MineAsync(5);
        _provider.Reset();

        var found = await DesignGateway().FindAsync(registration.ContentHash, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal((long)receipt.BlockNumber.Value, found.BlockNumber);
        Assert.Equal(receipt.TransactionHash.ToLowerInvariant(), found.TxHash);
        Assert.All(_provider.LogSpans, span => Assert.InRange(span, 1, Cap));
        Assert.InRange(_provider.Count("eth_getLogs"), 1, 4); // newest window first: 5 blocks back is the third window
    }

    [Fact]
    public async Task TransferAsync_WhenTheTokenAlreadyMoved_FindsTheTransferOnAProviderCappingLogRanges()
    {
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var moved = await chain.SendAsync(owner, chain.Designs, new Dr.TransferFromFunction { From = owner.Address, To = DevelopmentKeys.Other.Address, TokenId = tokenId });
        await MineAsync(4);

        // The retry after a crash between sending the transfer and recording it.
        var record = await DesignGateway().TransferAsync(
            tokenId.ToString(CultureInfo.InvariantCulture), owner.Address, DevelopmentKeys.Other.Address, CancellationToken.None);

        Assert.Equal(moved.TransactionHash.ToLowerInvariant(), record.TxHash);
        Assert.All(_provider.LogSpans, span => Assert.InRange(span, 1, Cap));
    }

    [Fact]
    public async Task GrantAsync_WhenTheLicenceExists_FindsItsGrantOnAProviderCappingLogRanges()
    {
        var owner = await chain.NewFundedAccountAsync();
        var tokenId = await chain.RegisterDesignAsync(owner.Address);
        var now = (long)await chain.NowAsync();
        var grant = new LicenseGrantRequest(
            tokenId.ToString(CultureInfo.InvariantCulture), DevelopmentKeys.Other.Address, "0", AnvilFixture.RandomHash(),
            now, now + 3_600, Sublicensable: false, DerivativesAllowed: false, AnvilFixture.RandomHash());
        var first = await LicenseGateway(chain.RpcUrl, int.MaxValue, owner).GrantAsync(grant, owner.Address, CancellationToken.None);
        await MineAsync(5);

        // The retry: LicenseExists, so the gateway looks the grant up.
        var again = await LicenseGateway(_provider.Url, Cap, owner).GrantAsync(grant, owner.Address, CancellationToken.None);

        Assert.Equal(first, again);
        Assert.All(_provider.LogSpans, span => Assert.InRange(span, 1, Cap));
    }

    private ChainConnection Connection(string rpcUrl, int maxLogBlockRange) =>
        new(rpcUrl, CirculationFixture.ChainId, chain.Designs, chain.DeploymentBlock, DevelopmentKeys.Registrar.PrivateKey, 1)
        {
            LicenseRegistryAddress = chain.Licenses,
            MaxLogBlockRange = maxLogBlockRange,
        };

    private DesignRegistryGateway DesignGateway() =>
        new(ChainConnectionSource.For(Connection(_provider.Url, Cap)), new DevelopmentKeySigner(), new TestOutputLogger<DesignRegistryGateway>(output))
        {
            PollInterval = TimeSpan.FromMilliseconds(50),
        };

    private LicenseRegistryGateway LicenseGateway(string rpcUrl, int maxLogBlockRange, DevelopmentAccount licensor) =>
        new(ChainConnectionSource.For(Connection(rpcUrl, maxLogBlockRange)), new DevelopmentKeySigner(licensor), new TestOutputLogger<LicenseRegistryGateway>(output))
        {
            PollInterval = TimeSpan.FromMilliseconds(50),
        };

    private async Task MineAsync(int blocks)
    {
        for (var i = 0; i < blocks; i++)
        {
            await chain.ReadOnly().Client.SendRequestAsync<string>("evm_mine");
        }
    }

    /// <summary>A clock that moves only when told to (timestamps in ticks of one per 100 ns).</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
