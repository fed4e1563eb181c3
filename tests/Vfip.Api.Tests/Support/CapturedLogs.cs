using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vfip.Api.Tests.Support;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps every entry (message, structured values, exception) in memory,
/// so a test can assert that a secret it handled never reached any log, at any level.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    // Bounded: a long collection run logs a lot at Trace; tests look at what happened during themselves.
    private const int Capacity = 200_000;

    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => _entries.ToArray();

    /// <summary>True when any entry contains <paramref name="text"/> (ordinal, case-insensitive: hex keys are printed in either case).</summary>
    public bool Contain(string text) => _entries.Any(e => e.Contains(text, StringComparison.OrdinalIgnoreCase));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(CapturedLogs sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            sink.Add($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            sink.Add($"{logLevel} {category}: {formatter(state, exception)} | {Describe(state)} | {exception}");
        }

        private static string Describe<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))
                : state?.ToString() ?? string.Empty;
    }
}
