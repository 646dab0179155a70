using Tracking.Protocols.OsmAnd;

namespace Tracking.Server.OsmAnd;

/// <summary>
/// Phones running Traccar Client (or the OsmAnd app) report over HTTP. Section <c>OsmAnd</c>.
/// The endpoint is <c>/osmand</c> on the main HTTP port, and <c>/</c> on <see cref="Port"/> (5055, where the stock apps
/// send by default), so a phone reports to Tracking without changing its settings.
/// </summary>
public sealed class OsmAndOptions
{
    public const string Section = "OsmAnd";

    /// <summary>The port of the dedicated OsmAnd listener; 0 turns it off (then only <c>/osmand</c> on the main port answers).</summary>
    public int Port { get; set; } = 5055;

    /// <summary>The address the dedicated listener binds to.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>The unit of the query-string <c>speed</c>: knots as the OsmAnd protocol defines it, unless a device says otherwise.</summary>
    public OsmAndSpeedUnit SpeedUnit { get; set; } = OsmAndSpeedUnit.Knots;

    /// <summary>Per-device exceptions to <see cref="SpeedUnit"/>, e.g. <c>"OsmAnd:DeviceSpeedUnits:phone-17": "MetresPerSecond"</c>.</summary>
    public Dictionary<string, OsmAndSpeedUnit> DeviceSpeedUnits { get; set; } = new(StringComparer.Ordinal);

    public OsmAndSpeedUnit SpeedUnitOf(string deviceId) =>
        DeviceSpeedUnits.TryGetValue(deviceId, out var unit) ? unit : SpeedUnit;
}
