namespace Vfip.Infrastructure.Background.Outbox;

/// <summary>Configuration section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// Whether this process sends outbox work. Turn it off on replicas that should only serve reads, or to
    /// hold work back (tests do, to stage a crash between send and record).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sender looks for due work when nothing wakes it (other replicas' work, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claimed message stays with its sender. A sender that dies mid-send loses it after this,
    /// and another sender (or the same one, restarted) takes it over; the contract's uniqueness rule
    /// makes that retry safe.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay; it doubles with each failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many messages one sender claims at a time.</summary>
    public int BatchSize { get; set; } = 10;
}
