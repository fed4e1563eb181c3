using Vfip.Application.Features.Verification.Rules;
using Vfip.Domain.Designs;

namespace Vfip.Api.Tests.Verification;

/// <summary>The rights read model on its own: what it keeps, what drops it, and when it stops answering.</summary>
public sealed class RightsReadModelTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public async Task BeforeTheFeedWasRead_EveryRead_GoesToTheDatabase()
    {
        var model = NewModel();
        var loads = new LoadCounter();

        await model.GetAsync("d1", loads.Load, CancellationToken.None);
        await model.GetAsync("d1", loads.Load, CancellationToken.None);

        Assert.Equal(2, loads.Count);
        Assert.Equal(0, model.Count);
    }

    [Fact]
    public async Task InSync_TheSecondRead_IsFromMemory_UntilTheDesignIsInvalidated()
    {
        var model = Synced(NewModel());
        var loads = new LoadCounter();

        var first = await model.GetAsync("d1", loads.Load, CancellationToken.None);
        var second = await model.GetAsync("d1", loads.Load, CancellationToken.None);
        model.Invalidate(["other"]);
        var third = await model.GetAsync("d1", loads.Load, CancellationToken.None);
        model.Invalidate(["d1"]);
        var fourth = await model.GetAsync("d1", loads.Load, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.NotSame(first, fourth);
        Assert.Equal(2, loads.Count);
    }

    [Fact]
    public async Task ASnapshotLoadedWhileAChangeCommitted_IsNotKept()
    {
        var model = Synced(NewModel());
        var loads = new LoadCounter();

        // The change commits (and is invalidated) after the load read the database but before it returned.
        await model.GetAsync("d1", async token =>
        {
            var stale = await loads.Load(token);
            model.Invalidate(["d1"]);
            return stale;
        }, CancellationToken.None);
        await model.GetAsync("d1", loads.Load, CancellationToken.None);

        Assert.Equal(2, loads.Count);
    }

    [Fact]
    public async Task WhenTheFeedWasNotReadWithinTheBound_ItStopsServing_AndStartsAfreshOnTheNextRead()
    {
        var model = Synced(NewModel());
        var loads = new LoadCounter();
        await model.GetAsync("d1", loads.Load, CancellationToken.None);
        await model.GetAsync("d1", loads.Load, CancellationToken.None);
        Assert.Equal(1, loads.Count);

        _clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False(model.IsServing);
        await model.GetAsync("d1", loads.Load, CancellationToken.None);
        Assert.Equal(2, loads.Count);

        model.MarkSynced(model.Now());
        Assert.True(model.IsServing);
        Assert.Equal(0, model.Count); // changes may have been pruned from the feed meanwhile: nothing old is trusted
        await model.GetAsync("d1", loads.Load, CancellationToken.None);
        Assert.Equal(3, loads.Count);
    }

    [Fact]
    public async Task APollThatStartedLongAgo_DoesNotExtendTheBound()
    {
        var model = Synced(NewModel());
        var pollStarted = model.Now();
        _clock.Advance(TimeSpan.FromSeconds(2)); // a slow poll

        model.MarkSynced(pollStarted);

        Assert.False(model.IsServing);
        var loads = new LoadCounter();
        await model.GetAsync("d1", loads.Load, CancellationToken.None);
        Assert.Equal(0, model.Count);
    }

    [Fact]
    public async Task WhenFull_TheLeastRecentlyUsedAreDropped()
    {
        var model = Synced(NewModel(capacity: 8));
        var loads = new LoadCounter();
        for (var i = 0; i < 8; i++)
        {
            await model.GetAsync($"d{i}", loads.Load, CancellationToken.None);
            await Task.Delay(20); // distinct last-use ticks
        }

        await model.GetAsync("d0", loads.Load, CancellationToken.None); // d0 is now the most recent
        await model.GetAsync("d8", loads.Load, CancellationToken.None);

        Assert.InRange(model.Count, 1, 8);
        var before = loads.Count;
        await model.GetAsync("d0", loads.Load, CancellationToken.None);
        await model.GetAsync("d8", loads.Load, CancellationToken.None);
        Assert.Equal(before, loads.Count);
        await model.GetAsync("d1", loads.Load, CancellationToken.None);
        Assert.Equal(before + 1, loads.Count);
    }

    [Fact]
    public async Task AMissingDesign_IsNotKept()
    {
        var model = Synced(NewModel());
        var calls = 0;

        await model.GetAsync("nope", _ => { calls++; return Task.FromResult<DesignRights?>(null); }, CancellationToken.None);
        await model.GetAsync("nope", _ => { calls++; return Task.FromResult<DesignRights?>(null); }, CancellationToken.None);

        Assert.Equal(2, calls);
    }

    private RightsReadModel NewModel(int capacity = 100) =>
        new(new RightsReadModelOptions { Capacity = capacity, MaxStaleness = TimeSpan.FromSeconds(1) }, _clock);

    private static RightsReadModel Synced(RightsReadModel model)
    {
        model.MarkSynced(model.Now());
        return model;
    }

    private sealed class LoadCounter
    {
        public int Count { get; private set; }

        public Task<DesignRights?> Load(CancellationToken cancellationToken)
        {
            Count++;
            return Task.FromResult<DesignRights?>(new DesignRights("d", "title", DesignStatus.Anchored, "owner", "0x0", null, null, []));
        }
    }

    /// <summary>A monotonic clock the test moves.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
