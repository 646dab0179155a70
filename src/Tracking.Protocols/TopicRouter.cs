using Tracking.Core.Fixes;

namespace Tracking.Protocols;

/// <summary>
/// Maps MQTT topics to decoders: <c>tracking/{deviceId}/fix</c> (native JSON), <c>tracking/{issi}/lip</c> (TETRA LIP),
/// <c>tracking/{deviceId}/nmea</c> (NMEA 0183) and <c>owntracks/{user}/{device}</c> (OwnTracks, device id
/// <c>{user}.{device}</c>). Topics are case-sensitive, as MQTT's are. Thread-safe (stateless).
/// </summary>
public static class TopicRouter
{
    private const string TrackingPrefix = "tracking/";
    private const string OwnTracksPrefix = "owntracks/";

    /// <summary>The topic filter a client subscribes to for every native fix.</summary>
    public const string NativeFixFilter = "tracking/+/fix";

    /// <summary>Every topic filter of a device protocol: what the server subscribes to as a client of an external broker.</summary>
    public static IReadOnlyList<string> DeviceFilters { get; } = [NativeFixFilter, "tracking/+/lip", "tracking/+/nmea", "owntracks/+/+"];

    public static TopicRoute Route(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.StartsWith(TrackingPrefix, StringComparison.Ordinal))
        {
            var rest = topic.AsSpan(TrackingPrefix.Length);
            var slash = rest.LastIndexOf('/');
            if (slash < 0)
            {
                return TopicRoute.Other;
            }

            var kind = rest[(slash + 1)..] switch
            {
                "fix" => TopicKind.NativeFix,
                "lip" => TopicKind.TetraLip,
                "nmea" => TopicKind.Nmea,
                _ => TopicKind.Other,
            };
            if (kind == TopicKind.Other)
            {
                return TopicRoute.Other;
            }

            var id = rest[..slash];
            return new TopicRoute(kind, id.ToString(), DeviceIds.IsValid(id));
        }

        if (topic.StartsWith(OwnTracksPrefix, StringComparison.Ordinal))
        {
            // Exactly owntracks/{user}/{device}; its sub-topics (…/event, …/cmd, …/info) are not positions.
            var rest = topic.AsSpan(OwnTracksPrefix.Length);
            var slash = rest.IndexOf('/');
            if (slash < 0 || rest[(slash + 1)..].Contains('/'))
            {
                return TopicRoute.Other;
            }

            var user = rest[..slash];
            var device = rest[(slash + 1)..];
            var id = string.Concat(user, ".", device);
            return new TopicRoute(TopicKind.OwnTracks, id, !user.IsEmpty && !device.IsEmpty && DeviceIds.IsValid(id));
        }

        return TopicRoute.Other;
    }

    /// <summary>The topic a device publishes its native fixes to.</summary>
    public static string NativeFixTopic(string deviceId) => TrackingPrefix + deviceId + "/fix";

    /// <summary>The topic a TETRA gateway publishes a radio's LIP reports to.</summary>
    public static string TetraLipTopic(string issi) => TrackingPrefix + issi + "/lip";

    /// <summary>The topic a tracker publishes its NMEA sentences to.</summary>
    public static string NmeaTopic(string deviceId) => TrackingPrefix + deviceId + "/nmea";
}
