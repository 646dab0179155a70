using System.Globalization;
using System.Text;
using Tracking.Core.Fixes;

namespace Tracking.Simulator.Protocols;

/// <summary>
/// The OsmAnd protocol as Traccar Client sends it: one fix per HTTP request, its fields in the query string
/// (<c>timestamp</c> unix seconds, <c>speed</c> knots, <c>bearing</c> degrees, <c>altitude</c> and <c>accuracy</c> metres,
/// <c>batt</c> percent, <c>alarm=sos</c> for the app's SOS button). Thread-safe (stateless).
/// </summary>
public static class OsmAndEncoder
{
    private const double KnotsPerMetrePerSecond = 3600.0 / 1852.0;

    public static DeviceMessage Encode(string deviceId, Fix fix) =>
        new(deviceId, DeviceProtocol.OsmAnd, null, [], Query(deviceId, fix));

    /// <summary>The query string, with its leading <c>?</c>.</summary>
    public static string Query(string deviceId, Fix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var query = new StringBuilder(160);
        query.Append("?id=").Append(Uri.EscapeDataString(deviceId));
        Append(query, "timestamp", fix.DeviceTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        Append(query, "lat", fix.Latitude.ToString("0.0000000", CultureInfo.InvariantCulture));
        Append(query, "lon", fix.Longitude.ToString("0.0000000", CultureInfo.InvariantCulture));
        if (fix.Speed is { } speed)
        {
            Append(query, "speed", (speed * KnotsPerMetrePerSecond).ToString("0.00", CultureInfo.InvariantCulture));
        }

        if (fix.Heading is { } heading)
        {
            Append(query, "bearing", heading.ToString("0.0", CultureInfo.InvariantCulture));
        }

        if (fix.Altitude is { } altitude)
        {
            Append(query, "altitude", altitude.ToString("0.0", CultureInfo.InvariantCulture));
        }

        if (fix.Accuracy is { } accuracy)
        {
            Append(query, "accuracy", accuracy.ToString("0.0", CultureInfo.InvariantCulture));
        }

        if (fix.Battery is { } battery)
        {
            Append(query, "batt", battery.ToString("0", CultureInfo.InvariantCulture));
        }

        if (fix.Emergency)
        {
            Append(query, "alarm", "sos");
        }

        return query.ToString();
    }

    private static void Append(StringBuilder query, string name, string value) =>
        query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
}
