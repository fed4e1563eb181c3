using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Vfip.Cli;

/// <summary>
/// <c>vfip load-verify</c>: a bounded loopback load test of verify-by-id, measured next to a trivial endpoint of the
/// same service (<c>/health/live</c>) in the same run, so the numbers say what verification itself costs on this
/// machine. Fixed duration and concurrency (both capped); every request is counted, errors too.
/// </summary>
internal static class LoadVerifyCommand
{
    private const int MaxSeconds = 60;
    private const int MaxConcurrency = 256;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = Parse(args);
        if (options is null)
        {
            await stderr.WriteLineAsync(VfipCommand.Usage);
            return 2;
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(options.Api), Timeout = TimeSpan.FromSeconds(10) };
        if (options.ApiKey is { } key)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var verify = $"/api/v1/verify?designId={Uri.EscapeDataString(options.DesignId)}&holder={Uri.EscapeDataString(options.Holder)}&use=games";

        await stdout.WriteLineAsync("endpoint,requests,errors,requests_per_s,p50_ms,p99_ms");
        foreach (var (name, path) in new[] { ("health_live", "/health/live"), ("verify", verify) })
        {
            await RunPhaseAsync(client, path, TimeSpan.FromSeconds(1), options.Concurrency, cancellationToken); // warm-up, not reported
            var result = await RunPhaseAsync(client, path, TimeSpan.FromSeconds(options.Seconds), options.Concurrency, cancellationToken);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{name},{result.Requests},{result.Errors},{result.Requests / options.Seconds:F0},{result.Percentile(0.50):F2},{result.Percentile(0.99):F2}"));
        }

        return 0;
    }

    private static async Task<PhaseResult> RunPhaseAsync(HttpClient client, string path, TimeSpan duration, int concurrency, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var latencies = new List<double>(4096);
            var errors = 0;
            while (Stopwatch.GetTimestamp() < until && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        errors++;
                    }
                }
                catch (HttpRequestException)
                {
                    errors++;
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return (latencies, errors);
        }).ToList();

        var results = await Task.WhenAll(workers);
        var all = results.SelectMany(r => r.latencies).Order().ToArray();
        return new PhaseResult(all, results.Sum(r => r.errors));
    }

    private static Options? Parse(string[] args)
    {
        string? api = null, design = null, holder = null, key = null;
        int seconds = 10, concurrency = 32;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--api" when value is not null: api = value; i++; break;
                case "--design" when value is not null: design = value; i++; break;
                case "--holder" when value is not null: holder = value; i++; break;
                case "--key" when value is not null: key = value; i++; break;
                case "--seconds" when int.TryParse(value, out var s): seconds = s; i++; break;
                case "--concurrency" when int.TryParse(value, out var c): concurrency = c; i++; break;
                default: return null;
            }
        }

        return api is null || design is null || holder is null || seconds is < 1 or > MaxSeconds || concurrency is < 1 or > MaxConcurrency
            ? null
            : new Options(api, design, holder, key, seconds, concurrency);
    }

    private sealed record Options(string Api, string DesignId, string Holder, string? ApiKey, int Seconds, int Concurrency);

    private sealed record PhaseResult(double[] SortedLatencies, int Errors)
    {
        public int Requests => SortedLatencies.Length;

        public double Percentile(double p) => SortedLatencies.Length == 0 ? 0 : SortedLatencies[Math.Min(SortedLatencies.Length - 1, (int)(p * SortedLatencies.Length))];
    }
}
