using Tracking.Core.Fixes;

namespace Tracking.Protocols;

/// <summary>
/// Maps MQTT topics to decoders. Topic layout: <c>tracking/{deviceId}/fix</c> for the native protocol.
/// Thread-safe (stateless).
/// </summary>
public static class TopicRouter
{
    private const string Prefix = "tracking/";

    /// <summary>The topic filter a client subscribes to for every native fix.</summary>
    public const string NativeFixFilter = "tracking/+/fix";

    public static TopicRoute Route(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return TopicRoute.Other;
        }

        var rest = topic.AsSpan(Prefix.Length);
        var slash = rest.LastIndexOf('/');
        if (slash < 0 || !rest[(slash + 1)..].SequenceEqual("fix"))
        {
            return TopicRoute.Other;
        }

        var id = rest[..slash];
        return new TopicRoute(TopicKind.NativeFix, id.ToString(), DeviceIds.IsValid(id));
    }

    /// <summary>The topic a device publishes its native fixes to.</summary>
    public static string NativeFixTopic(string deviceId) => Prefix + deviceId + "/fix";
}
