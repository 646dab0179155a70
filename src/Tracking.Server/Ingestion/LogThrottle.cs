using System.Collections.Concurrent;

namespace Tracking.Server.Ingestion;

/// <summary>
/// Decides whether a repeated event may be logged: once per key per interval, reporting how many were suppressed
/// since the last line, so a client repeating the same mistake every second cannot flood the log. At most 10,000
/// keys are remembered (then forgotten at once: a flood of made-up keys costs some repeated lines, never memory).
/// Thread-safe.
/// </summary>
internal sealed class LogThrottle<TKey>(TimeProvider time, TimeSpan interval)
    where TKey : notnull
{
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    /// <summary>True when this occurrence should be logged; <paramref name="suppressed"/> is how many were not since the last.</summary>
    public bool ShouldLog(TKey key, out long suppressed)
    {
        var now = time.GetUtcNow();
        if (_entries.Count >= MaxKeys)
        {
            _entries.Clear();
        }

        var entry = _entries.GetOrAdd(key, _ => new Entry());
        lock (entry)
        {
            if (now - entry.LastLogged < interval)
            {
                entry.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = entry.Suppressed;
            entry.Suppressed = 0;
            entry.LastLogged = now;
            return true;
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset LastLogged { get; set; } = DateTimeOffset.MinValue;

        public long Suppressed { get; set; }
    }
}
