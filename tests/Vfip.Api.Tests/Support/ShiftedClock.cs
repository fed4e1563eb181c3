namespace Vfip.Api.Tests.Support;

/// <summary>The system clock, moved forward by <see cref="Offset"/>: expiry and deadlines pass without waiting.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
