namespace Tracking.Protocols.OsmAnd;

/// <summary>
/// The unit of the query-string <c>speed</c> parameter, chosen by the caller per device.
/// The OsmAnd protocol as Traccar defines it carries knots (Traccar converts <c>speed</c> from "kn", and Traccar Client for
/// Android multiplies the Android m/s speed by 1.943844 before sending it), so <see cref="Knots"/> is the default; other
/// senders (the OsmAnd app's user-edited URL template, scripts, home-made trackers) often send m/s or km/h.
/// The JSON body of Traccar Client 9 and later is always in m/s and does not use this.
/// </summary>
public enum OsmAndSpeedUnit
{
    Knots,
    MetresPerSecond,
    KilometresPerHour,
}
