namespace Vfip.Application.Common.Leases;

/// <summary>
/// A named, time-limited claim on a job that only one process of a deployment may do at a time (for
/// example sending outbox work with the one registrar key). Taken and renewed with guarded updates, so it
/// needs nothing but the shared database; a holder that dies simply stops renewing and the lease runs out.
/// </summary>
public sealed class Lease
{
    private Lease()
    {
    }

    public string Name { get; private set; } = null!;

    /// <summary>Who holds it (host, process id and a random instance id); null when released.</summary>
    public string? Holder { get; private set; }

    /// <summary>UTC time after which anyone may take it over.</summary>
    public DateTime Until { get; private set; }

    public static Lease Create(string name, string holder, DateTime until) => new() { Name = name, Holder = holder, Until = until };
}
