using Tracking.Core.Fixes;
using Tracking.Protocols;

namespace Tracking.Server.Devices;

/// <summary>
/// Which topics a principal may publish to and subscribe to. A device (id <c>D</c>) publishes only its own topics,
/// <c>tracking/D/fix</c>, <c>…/nmea</c>, <c>…/lip</c>, <c>…/status</c> and, when <c>D</c> is <c>{user}.{device}</c>,
/// <c>owntracks/{user}/{device}</c>, and subscribes only to <c>tracking/D/dispatch</c>. A gateway publishes those
/// topics for any registered device and subscribes to their dispatch topics (<c>tracking/+/dispatch</c> included).
/// Command and control publishes <c>cad/incidents</c> only. Anonymous demo clients and the server itself are not
/// restricted. Everything else is refused. Pure and thread-safe; no allocation on a device's own topics.
/// </summary>
public static class TopicPermissions
{
    private const string TrackingPrefix = "tracking/";
    private const string OwnTracksPrefix = "owntracks/";
    private const string DispatchSuffix = "dispatch";
    public const string IncidentTopic = "cad/incidents";
    public const string AllDispatchFilter = "tracking/+/dispatch";

    /// <param name="principal">Who publishes.</param>
    /// <param name="topic">The topic of the publish.</param>
    /// <param name="isRegistered">Whether a device id is registered (asked for gateways only).</param>
    public static bool CanPublish(Principal principal, string topic, Func<string, bool> isRegistered)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(isRegistered);
        return principal.Kind switch
        {
            PrincipalKind.Anonymous or PrincipalKind.Server => true,
            PrincipalKind.Device => IsOwnTrackingTopic(principal.Name, topic) || IsOwnOwnTracksTopic(principal.Name, topic),
            PrincipalKind.Gateway => DeviceOfTopic(topic) is { } device && isRegistered(device),
            PrincipalKind.Cad => topic == IncidentTopic,
            _ => false,
        };
    }

    public static bool CanSubscribe(Principal principal, string filter, Func<string, bool> isRegistered)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(isRegistered);
        return principal.Kind switch
        {
            PrincipalKind.Anonymous or PrincipalKind.Server => true,
            PrincipalKind.Device => IsDispatchTopicOf(principal.Name, filter),
            PrincipalKind.Gateway => filter == AllDispatchFilter || (DispatchDevice(filter) is { } device && isRegistered(device)),
            _ => false,
        };
    }

    /// <summary><c>tracking/D/{fix|nmea|lip|status}</c> for this D.</summary>
    private static bool IsOwnTrackingTopic(string deviceId, string topic)
    {
        var rest = AfterDevicePrefix(deviceId, topic);
        return rest is "fix" or "nmea" or "lip" or "status";
    }

    private static bool IsDispatchTopicOf(string deviceId, string filter) => AfterDevicePrefix(deviceId, filter) is DispatchSuffix;

    /// <summary>What follows <c>tracking/D/</c> in the topic, or an empty span when it does not start so.</summary>
    private static ReadOnlySpan<char> AfterDevicePrefix(string deviceId, string topic)
    {
        var length = TrackingPrefix.Length + deviceId.Length + 1;
        if (topic.Length <= length
            || !topic.StartsWith(TrackingPrefix, StringComparison.Ordinal)
            || !topic.AsSpan(TrackingPrefix.Length, deviceId.Length).SequenceEqual(deviceId)
            || topic[length - 1] != '/')
        {
            return [];
        }

        return topic.AsSpan(length);
    }

    /// <summary><c>owntracks/{user}/{device}</c> where the device id is <c>{user}.{device}</c> (as <see cref="TopicRouter"/> maps it).</summary>
    private static bool IsOwnOwnTracksTopic(string deviceId, string topic)
    {
        if (!topic.StartsWith(OwnTracksPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = topic.AsSpan(OwnTracksPrefix.Length);
        var slash = rest.IndexOf('/');
        return slash > 0
            && rest.Length == deviceId.Length
            && deviceId[slash] == '.'
            && rest[..slash].SequenceEqual(deviceId.AsSpan(0, slash))
            && rest[(slash + 1)..].SequenceEqual(deviceId.AsSpan(slash + 1))
            && !rest[(slash + 1)..].Contains('/');
    }

    /// <summary>The device a device topic belongs to (positions of every protocol, and status), or null for any other topic.</summary>
    public static string? DeviceOfTopic(string topic)
    {
        var route = TopicRouter.Route(topic);
        if (route.Kind != TopicKind.Other)
        {
            return route.DeviceIdIsValid ? route.DeviceId : null;
        }

        if (!topic.StartsWith(TrackingPrefix, StringComparison.Ordinal) || !topic.EndsWith("/status", StringComparison.Ordinal))
        {
            return null;
        }

        var id = topic[TrackingPrefix.Length..^"/status".Length];
        return DeviceIds.IsValid(id) ? id : null;
    }

    private static string? DispatchDevice(string filter)
    {
        if (!filter.StartsWith(TrackingPrefix, StringComparison.Ordinal) || !filter.EndsWith("/" + DispatchSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = filter[TrackingPrefix.Length..^(DispatchSuffix.Length + 1)];
        return DeviceIds.IsValid(id) ? id : null;
    }
}
