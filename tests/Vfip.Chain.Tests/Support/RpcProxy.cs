using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Vfip.Chain.Tests.Support;

/// <summary>
/// A JSON-RPC endpoint on loopback in front of a real node that behaves like a hosted provider: it counts requests by
/// method and, given a cap, refuses an <c>eth_getLogs</c> over more blocks than that, as Alchemy, Infura and others do.
/// Everything else is forwarded unchanged. (Also compiled into Vfip.Api.Tests.)
/// </summary>
public sealed class RpcProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly string _upstreamUrl;
    private readonly int? _maxLogBlockRange;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<long> _logSpans = new();
    private readonly Task _serving;

    public RpcProxy(string upstreamUrl, int? maxLogBlockRange = null)
    {
        _upstreamUrl = upstreamUrl;
        _maxLogBlockRange = maxLogBlockRange;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>Requests of <paramref name="method"/> since the start or the last <see cref="Reset"/>.</summary>
    public int Count(string method) => _counts.GetValueOrDefault(method);

    /// <summary>All requests since the start or the last <see cref="Reset"/>.</summary>
    public int Total => _counts.Values.Sum();

    /// <summary>The block span of every <c>eth_getLogs</c> that reached the proxy (refused ones included).</summary>
    public IReadOnlyCollection<long> LogSpans => _logSpans.ToArray();

    public void Reset()
    {
        _counts.Clear();
        _logSpans.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }

        _upstream.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var request = JsonNode.Parse(body);
            var answer = request is JsonObject single ? await RefusalAsync(single) : null;
            if (answer is null)
            {
                using var forwarded = await _upstream.PostAsync(_upstreamUrl, new StringContent(body, Encoding.UTF8, "application/json"));
                answer = await forwarded.Content.ReadAsStringAsync();
            }

            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or HttpRequestException)
        {
            context.Response.Abort();
        }
    }

    /// <summary>Counts the request; returns the provider's error for an <c>eth_getLogs</c> over the cap, else null.</summary>
    private async Task<string?> RefusalAsync(JsonObject request)
    {
        var method = request["method"]?.GetValue<string>() ?? "";
        _counts.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (method != "eth_getLogs" || request["params"]?[0] is not JsonObject filter)
        {
            return null;
        }

        var from = await BlockAsync(filter["fromBlock"]?.GetValue<string>());
        var to = await BlockAsync(filter["toBlock"]?.GetValue<string>());
        var span = to - from + 1;
        _logSpans.Enqueue(span);
        if (_maxLogBlockRange is not { } cap || span <= cap)
        {
            return null;
        }

        return new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = request["id"]?.DeepClone(),
            ["error"] = new JsonObject { ["code"] = -32005, ["message"] = $"query exceeds max block range {cap}" },
        }.ToJsonString();
    }

    private async Task<long> BlockAsync(string? tag)
    {
        if (tag is null or "earliest")
        {
            return tag is null ? await HeadAsync() : 0;
        }

        return tag.StartsWith("0x", StringComparison.Ordinal)
            ? long.Parse(tag.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : await HeadAsync(); // latest, pending, safe, finalized
    }

    private async Task<long> HeadAsync()
    {
        using var response = await _upstream.PostAsync(
            _upstreamUrl, new StringContent("""{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}""", Encoding.UTF8, "application/json"));
        var head = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["result"]!.GetValue<string>();
        return long.Parse(head.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
