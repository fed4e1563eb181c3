using System.Diagnostics.Metrics;

namespace Vfip.Application.Common.Diagnostics;

/// <summary>
/// VFIP's own metrics, on the meter <see cref="MeterName"/> (exported with the ASP.NET Core, EF Core and
/// HttpClient ones when OpenTelemetry is configured). A singleton: call it from any layer, e.g.
/// <c>var started = Stopwatch.GetTimestamp(); ...; metrics.Identified(Stopwatch.GetElapsedTime(started), matched)</c>.
/// The meter belongs to <see cref="IMeterFactory"/>, which disposes it with the host.
/// </summary>
public sealed class VfipMetrics
{
    /// <summary>The meter and activity source name to subscribe to.</summary>
    public const string MeterName = "Vfip";

    private readonly Counter<long> _registrations;
    private readonly Histogram<double> _anchoringLatency;
    private readonly Histogram<double> _identifyLatency;
    private long _indexSize;

    public VfipMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _registrations = meter.CreateCounter<long>(
            "vfip.registrations", "{registration}", "Registrations by outcome: accepted, existing (same owner again), conflict, anchored, rejected.");
        _anchoringLatency = meter.CreateHistogram<double>(
            "vfip.anchoring.latency", "s", "From a design's acceptance to its anchoring on chain (includes outbox wait and confirmations).");
        _identifyLatency = meter.CreateHistogram<double>(
            "vfip.identify.latency", "s", "Time to identify one image: decode, fingerprint and index query.");
        meter.CreateObservableGauge(
            "vfip.index.size", () => Volatile.Read(ref _indexSize), "{image}", "Fingerprints held by this process's similarity index.");
    }

    /// <summary>Counts one registration outcome (<c>accepted</c>, <c>existing</c>, <c>conflict</c>, <c>anchored</c>, <c>rejected</c>).</summary>
    public void Registration(string outcome) => _registrations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Records how long a design waited from acceptance to anchoring.</summary>
    public void Anchored(TimeSpan sinceAccepted) => _anchoringLatency.Record(sinceAccepted.TotalSeconds);

    /// <summary>Records one identification's duration; <paramref name="matched"/> tags whether anything was found.</summary>
    public void Identified(TimeSpan elapsed, bool matched) =>
        _identifyLatency.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("matched", matched));

    /// <summary>Reports how many fingerprints the similarity index holds now (the gauge reads the latest value).</summary>
    public void IndexSize(long images) => Volatile.Write(ref _indexSize, images);
}
