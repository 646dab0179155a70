using Tracking.Server.Ingestion;

namespace Tracking.Server.Devices;

/// <summary>
/// The check every MQTT publish passes before anything else touches it: may this principal publish to this topic
/// (<see cref="TopicPermissions"/>), and is the topic's device within its rate (<see cref="DeviceRateLimiter"/>)?
/// Refusals are counted and logged here. Synchronous (no allocation) unless a device on its own connection has to wait
/// for its rate. Thread-safe.
/// </summary>
internal sealed class PublishAdmission(DeviceRegistry registry, DeviceRateLimiter limiter, SecurityStats stats, SecurityLog log)
{
    private readonly Func<string, bool> _isRegistered = registry.IsKnown;

    public ValueTask<PublishVerdict> AdmitAsync(Principal principal, string clientId, string topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!TopicPermissions.CanPublish(principal, topic, _isRegistered))
        {
            stats.PublishRefused();
            log.PublishRefused(principal, clientId, topic);
            return ValueTask.FromResult(PublishVerdict.NotAuthorized);
        }

        string? deviceId;
        switch (principal.Kind)
        {
            case PrincipalKind.Device:
                deviceId = principal.Name;
                break;
            case PrincipalKind.Gateway or PrincipalKind.Anonymous:
                deviceId = TopicPermissions.DeviceOfTopic(topic);
                break;
            default:
                return ValueTask.FromResult(PublishVerdict.Accepted);
        }

        if (deviceId is null || limiter.TryTake(deviceId))
        {
            return ValueTask.FromResult(PublishVerdict.Accepted);
        }

        if (principal.IsShared)
        {
            stats.Limited();
            log.OverRate(deviceId, "refused on a shared connection");
            return ValueTask.FromResult(PublishVerdict.OverRate);
        }

        return WaitForRateAsync(deviceId, cancellationToken);
    }

    private async ValueTask<PublishVerdict> WaitForRateAsync(string deviceId, CancellationToken cancellationToken)
    {
        stats.Throttled();
        log.OverRate(deviceId, "its connection is slowed");
        if (await limiter.WaitAsync(deviceId, cancellationToken) is null)
        {
            stats.Limited();
            return PublishVerdict.OverRate;
        }

        return PublishVerdict.Accepted;
    }
}
