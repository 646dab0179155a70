using Tracking.Server.Ingestion;

namespace Tracking.Server.Devices;

/// <summary>
/// Logs refused connections, publishes, subscriptions and over-rate messages at most once a minute per client and
/// kind of refusal, with the number suppressed since (as <see cref="RejectionLog"/> does for bad input). Never logs a
/// secret: only usernames, client ids, topics and reasons. Thread-safe.
/// </summary>
internal sealed partial class SecurityLog(ILogger<SecurityLog> logger, TimeProvider time)
{
    private readonly LogThrottle<(string Who, string What)> _throttle = new(time, TimeSpan.FromMinutes(1));

    public void ConnectionRefused(string clientId, string? username, ConnectionRefusal reason, string? endpoint)
    {
        var name = SecurityStats.ReasonName(reason);
        if (_throttle.ShouldLog((username ?? clientId, "connect:" + name), out var suppressed))
        {
            LogConnectionRefused(logger, clientId, username ?? "(none)", name, endpoint ?? "", suppressed);
        }
    }

    public void PublishRefused(Principal principal, string clientId, string topic)
    {
        if (_throttle.ShouldLog((principal + "|" + clientId, "publish"), out var suppressed))
        {
            LogPublishRefused(logger, principal.ToString(), clientId, topic, suppressed);
        }
    }

    public void SubscriptionRefused(Principal principal, string clientId, string filter)
    {
        if (_throttle.ShouldLog((principal + "|" + clientId, "subscribe"), out var suppressed))
        {
            LogSubscriptionRefused(logger, principal.ToString(), clientId, filter, suppressed);
        }
    }

    public void OverRate(string deviceId, string how)
    {
        if (_throttle.ShouldLog((deviceId, how), out var suppressed))
        {
            LogOverRate(logger, deviceId, how, suppressed);
        }
    }

    public void HttpRefused(string? deviceId, string reason)
    {
        if (_throttle.ShouldLog((deviceId ?? "", "http:" + reason), out var suppressed))
        {
            LogHttpRefused(logger, deviceId ?? "(none)", reason, suppressed);
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning,
        Message = "Refused MQTT connection of client {ClientId} as {Username}: {Reason} (from {Endpoint}); {Suppressed} more like it since the last report")]
    private static partial void LogConnectionRefused(ILogger logger, string clientId, string username, string reason, string endpoint, long suppressed);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "Refused a publish of {Principal} (client {ClientId}) to {Topic}: not its topic; {Suppressed} more since the last report")]
    private static partial void LogPublishRefused(ILogger logger, string principal, string clientId, string topic, long suppressed);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning,
        Message = "Refused a subscription of {Principal} (client {ClientId}) to {Filter}: not its topic; {Suppressed} more since the last report")]
    private static partial void LogSubscriptionRefused(ILogger logger, string principal, string clientId, string filter, long suppressed);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning,
        Message = "Device {DeviceId} is over its message rate: {How}; {Suppressed} more since the last report")]
    private static partial void LogOverRate(ILogger logger, string deviceId, string how, long suppressed);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning,
        Message = "Refused an OsmAnd request of device {DeviceId}: {Reason}; {Suppressed} more like it since the last report")]
    private static partial void LogHttpRefused(ILogger logger, string deviceId, string reason, long suppressed);
}
