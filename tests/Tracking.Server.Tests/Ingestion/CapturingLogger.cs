using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tracking.Server.Tests.Ingestion;

/// <summary>A logger that keeps every entry: level, event id, formatted message and the structured values.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        _entries.Enqueue(new LogEntry(
            logLevel,
            eventId.Id,
            formatter(state, exception),
            values.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal)));
    }
}

/// <summary>One captured log entry.</summary>
internal sealed record LogEntry(LogLevel Level, int EventId, string Message, Dictionary<string, object?> Values);
