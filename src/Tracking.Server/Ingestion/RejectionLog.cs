using System.Collections.Concurrent;
using Tracking.Core.Validation;

namespace Tracking.Server.Ingestion;

/// <summary>
/// Logs a rejection once per device and reason per interval, with how many were suppressed since the last line,
/// so a device sending garbage every second cannot flood the log. Thread-safe.
/// </summary>
internal sealed partial class RejectionLog(ILogger<RejectionLog> logger, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<(string Device, RejectionReason Reason), Entry> _entries = new();

    public void Rejected(string? deviceId, string topic, Rejection rejection)
    {
        var now = time.GetUtcNow();
        var key = (deviceId ?? "", rejection.Reason);
        if (_entries.Count >= MaxKeys)
        {
            _entries.Clear();
        }

        var entry = _entries.GetOrAdd(key, _ => new Entry());
        long suppressed;
        lock (entry)
        {
            if (now - entry.LastLogged < Interval)
            {
                entry.Suppressed++;
                return;
            }

            suppressed = entry.Suppressed;
            entry.Suppressed = 0;
            entry.LastLogged = now;
        }

        LogRejected(logger, deviceId ?? "(none)", topic, rejection.Reason.Name(), rejection.Detail, suppressed);
    }

    private sealed class Entry
    {
        public DateTimeOffset LastLogged { get; set; } = DateTimeOffset.MinValue;

        public long Suppressed { get; set; }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Rejected input from device {DeviceId} on {Topic}: {Reason} ({Detail}); {Suppressed} more like it since the last report")]
    private static partial void LogRejected(ILogger logger, string deviceId, string topic, string reason, string detail, long suppressed);
}
