using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Vfip.Chain.LocalChain;

/// <summary>How to start the embedded anvil.</summary>
/// <param name="BinaryPath">Path of the anvil executable (see <see cref="AnvilProcess.FindBinary"/>).</param>
/// <param name="Port">Loopback port; 0 picks a free one.</param>
/// <param name="StatePath">
/// File anvil loads its chain state from and dumps it to. Null for a throwaway chain.
/// </param>
/// <param name="ChainId">Chain id anvil reports and signs for.</param>
/// <param name="StateIntervalSeconds">How often anvil dumps state while running (only with a state path).</param>
public sealed record AnvilStartOptions(
    string BinaryPath,
    int Port = 0,
    string? StatePath = null,
    long ChainId = 31337,
    int StateIntervalSeconds = 1)
{
    /// <summary>How long to wait for anvil to answer eth_chainId.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Thrown when anvil cannot be started or does not become ready.</summary>
public sealed class AnvilStartException(string message, Exception? innerException = null)
    : Exception(message, innerException);

/// <summary>
/// An anvil child process: the embedded local chain of a single-machine deployment and of tests.
/// </summary>
/// <remarks>
/// anvil writes <c>--state</c> only when it receives SIGINT/SIGTERM, so <see cref="DisposeAsync"/> sends
/// SIGTERM rather than killing it, and <c>--state-interval</c> makes it dump periodically too, so that at
/// most a few seconds of chain state are lost if anvil or this process is killed outright.
/// </remarks>
public sealed class AnvilProcess : IAsyncDisposable
{
    private const string RelativeBinaryPath = "contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
    private const int MaxOutputLines = 60;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly OutputTail _output;
    private readonly EventHandler _onParentExit;
    private int _disposed;

    private AnvilProcess(Process process, int port, ILogger logger, OutputTail output)
    {
        _process = process;
        _logger = logger;
        _output = output;
        Port = port;
        RpcUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        // Dispose is the normal path; this hook covers a host that exits without disposing (Environment.Exit,
        // an unhandled exception on shutdown, SIGTERM to the .NET process). A SIGKILL of this process cannot be
        // caught: anvil then keeps running orphaned, and the periodic state dump is what protects the data.
        _onParentExit = (_, _) => StopOnParentExit();
        AppDomain.CurrentDomain.ProcessExit += _onParentExit;
    }

    /// <summary>JSON-RPC endpoint, <c>http://127.0.0.1:{Port}</c>.</summary>
    public string RpcUrl { get; }

    /// <summary>The loopback port anvil listens on.</summary>
    public int Port { get; }

    /// <summary>The OS process id of anvil.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts anvil and waits until it answers <c>eth_chainId</c> with the expected chain id.</summary>
    public static async Task<AnvilProcess> StartAsync(AnvilStartOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (!File.Exists(options.BinaryPath))
        {
            throw new AnvilStartException(
                $"anvil not found at '{options.BinaryPath}'. Run `npm ci` in contracts/ to install it.");
        }

        // A port picked by us can be taken by someone else before anvil binds it; try another one then.
        var attempts = options.Port == 0 ? 3 : 1;
        for (var attempt = 1; ; attempt++)
        {
            var port = options.Port == 0 ? PickFreePort() : options.Port;
            if (options.Port != 0 && !IsPortFree(port))
            {
                throw new AnvilStartException(
                    $"127.0.0.1:{port} is already in use (an anvil left over from a killed run? check `ss -ltnp | grep :{port}`)");
            }

            try
            {
                return await StartOnPortAsync(options, port, logger, cancellationToken).ConfigureAwait(false);
            }
            catch (AnvilStartException ex) when (attempt < attempts && ex.Message.Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                logger.LogDebug("anvil could not bind port {Port}, retrying with another one", port);
            }
        }
    }

    /// <summary>
    /// Walks up from <paramref name="startDirectory"/> looking for
    /// <c>contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil</c>; null when there is none.
    /// </summary>
    public static string? FindBinary(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativeBinaryPath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Sends SIGTERM (anvil dumps its state), waits up to 10 s, then kills it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _onParentExit;
        try
        {
            if (!_process.HasExited)
            {
                RequestStop();
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _logger.LogWarning("anvil (pid {Pid}) did not stop within {Timeout}; killing it", _process.Id, StopTimeout);
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            _logger.LogDebug("anvil on port {Port} stopped with exit code {ExitCode}", Port, _process.ExitCode);
        }
        catch (InvalidOperationException)
        {
            // The process was never started or is already gone: nothing left to stop.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static async Task<AnvilProcess> StartOnPortAsync(AnvilStartOptions options, int port, ILogger logger, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(options.BinaryPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
        };
        // "--port N" stays literally in the command line: operational checks read it from /proc/<pid>/cmdline.
        startInfo.ArgumentList.Add("--host");
        startInfo.ArgumentList.Add("127.0.0.1");
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add("--chain-id");
        startInfo.ArgumentList.Add(options.ChainId.ToString(CultureInfo.InvariantCulture));
        if (options.StatePath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.StatePath))!);
            startInfo.ArgumentList.Add("--state");
            startInfo.ArgumentList.Add(options.StatePath);
            startInfo.ArgumentList.Add("--state-interval");
            startInfo.ArgumentList.Add(Math.Max(1, options.StateIntervalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        var output = new OutputTail(MaxOutputLines);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        try
        {
            if (!process.Start())
            {
                throw new AnvilStartException($"anvil at '{options.BinaryPath}' did not start");
            }
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new AnvilStartException($"anvil at '{options.BinaryPath}' could not be started: {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        logger.LogInformation("anvil started (pid {Pid}) on 127.0.0.1:{Port}, chain {ChainId}, state {StatePath}",
            process.Id, port, options.ChainId, options.StatePath ?? "(none)");

        var anvil = new AnvilProcess(process, port, logger, output);
        try
        {
            await anvil.WaitUntilReadyAsync(options, cancellationToken).ConfigureAwait(false);
            return anvil;
        }
        catch
        {
            await anvil.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        void OnOutput(string? line)
        {
            if (line is null)
            {
                return;
            }

            output.Add(line);
            if (line.StartsWith("Listening on", StringComparison.Ordinal))
            {
                output.Listening.TrySetResult();
            }

            // anvil's banner lists its development keys; they are public (see DevelopmentKeys), and Debug only.
            logger.LogDebug("anvil: {Line}", line);
        }
    }

    private async Task WaitUntilReadyAsync(AnvilStartOptions options, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var request = new { jsonrpc = "2.0", id = 1, method = "eth_chainId", @params = Array.Empty<object>() };

        while (true)
        {
            if (_process.HasExited)
            {
                // Let the asynchronous readers drain what anvil printed before it died.
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                throw new AnvilStartException(
                    $"anvil exited with code {_process.ExitCode} before it was ready on port {Port}. Output:{Environment.NewLine}{_output}");
            }

            // Only our own anvil's "Listening on" line proves the port is ours: another node on the same port
            // (an orphan from a killed host, say) would answer eth_chainId just as well.
            if (!_output.Listening.Task.IsCompleted)
            {
                await Task.WhenAny(_output.Listening.Task, Task.Delay(100, timeout.Token)).ConfigureAwait(false);
                if (!timeout.IsCancellationRequested)
                {
                    continue;
                }
            }

            try
            {
                using var response = await http.PostAsJsonAsync(RpcUrl, request, timeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var json = await JsonDocument.ParseAsync(
                        await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false),
                        cancellationToken: timeout.Token).ConfigureAwait(false);
                    var reported = Convert.ToInt64(json.RootElement.GetProperty("result").GetString(), 16);
                    if (reported != options.ChainId)
                    {
                        throw new AnvilStartException(
                            $"anvil on port {Port} reports chain id {reported}, expected {options.ChainId} (a stale state file or another node on that port?)");
                    }

                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!timeout.IsCancellationRequested)
            {
                // HttpClient's own per-request timeout: anvil is still starting.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AnvilStartException(
                    $"anvil did not answer eth_chainId on {RpcUrl} within {options.StartTimeout}. Output:{Environment.NewLine}{_output}");
            }

            try
            {
                await Task.Delay(100, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new AnvilStartException(
                    $"anvil did not answer eth_chainId on {RpcUrl} within {options.StartTimeout}. Output:{Environment.NewLine}{_output}");
            }
        }
    }

    private void RequestStop()
    {
        if (OperatingSystem.IsWindows())
        {
            _process.Kill(entireProcessTree: true);
            return;
        }

        // SIGTERM, not Kill(): anvil only dumps --state on a signal it can handle.
        if (NativeMethods.Kill(_process.Id, NativeMethods.SigTerm) != 0)
        {
            _logger.LogWarning("Sending SIGTERM to anvil (pid {Pid}) failed with errno {Errno}; killing it",
                _process.Id, Marshal.GetLastPInvokeError());
            _process.Kill(entireProcessTree: true);
        }
    }

    private void StopOnParentExit()
    {
        // ProcessExit handlers get a few seconds in total; give anvil a short grace period to dump state.
        try
        {
            if (Volatile.Read(ref _disposed) == 1 || _process.HasExited)
            {
                return;
            }

            RequestStop();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int PickFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The last lines anvil printed, for error messages.</summary>
    private sealed class OutputTail(int capacity)
    {
        private readonly Queue<string> _lines = new();

        /// <summary>Completed when anvil reports that it has bound its port.</summary>
        public TaskCompletionSource Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(string line)
        {
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > capacity)
                {
                    _lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return _lines.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, _lines);
            }
        }
    }

    private static class NativeMethods
    {
        public const int SigTerm = 15;

        // DllImport rather than LibraryImport: the latter's generated code needs AllowUnsafeBlocks.
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}
