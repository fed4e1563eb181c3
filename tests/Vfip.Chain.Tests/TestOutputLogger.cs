using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Vfip.Chain.Tests;

/// <summary>Routes a component's logs into the test output, so a failing test shows what the component did.</summary>
internal sealed class TestOutputLogger<T>(ITestOutputHelper output) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"[{logLevel}] {typeof(T).Name}: {formatter(state, exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished (a background log line after it returned).
        }
    }
}
