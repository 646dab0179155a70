using Tracking.Core.Validation;

namespace Tracking.Server.Ingestion;

/// <summary>
/// Logs a rejection once per device and reason per interval, with how many were suppressed since the last line,
/// so a device sending garbage every second cannot flood the log. Thread-safe.
/// </summary>
internal sealed partial class RejectionLog(ILogger<RejectionLog> logger, TimeProvider time)
{
    private readonly LogThrottle<(string Device, RejectionReason Reason)> _throttle = new(time, TimeSpan.FromMinutes(1));

    public void Rejected(string? deviceId, string topic, Rejection rejection)
    {
        if (_throttle.ShouldLog((deviceId ?? "", rejection.Reason), out var suppressed))
        {
            LogRejected(logger, deviceId ?? "(none)", topic, rejection.Reason.Name(), rejection.Detail, suppressed);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Rejected input from device {DeviceId} on {Topic}: {Reason} ({Detail}); {Suppressed} more like it since the last report")]
    private static partial void LogRejected(ILogger logger, string deviceId, string topic, string reason, string detail, long suppressed);
}
