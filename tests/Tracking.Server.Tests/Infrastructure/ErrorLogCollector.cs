using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tracking.Server.Tests.Infrastructure;

/// <summary>
/// Collects every error the server logs, so a test fails when the server logged one (as MQTTnet's tests do),
/// and the warnings, to explain a failure.
/// </summary>
public sealed class ErrorLogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    public IReadOnlyCollection<string> Errors => _errors;

    public IReadOnlyCollection<string> Warnings => _warnings;

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _errors, _warnings);

    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<string> errors, ConcurrentQueue<string> warnings) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                (logLevel >= LogLevel.Error ? errors : warnings).Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
