using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Protocols;

/// <summary>
/// Turns a device's report into the messages the device sends, in its own protocol. A backlog after a coverage gap goes
/// as native JSON arrays for trackers (their log dump) and one message per fix for phones, as the apps send their queue.
/// Radio reports are short location reports, dated by the server on arrival; when the report is late (the simulated
/// clock runs behind the wall clock) a long location report carries its time instead. Thread-safe (stateless).
/// </summary>
internal static class ReportEncoder
{
    public static IReadOnlyList<DeviceMessage> Encode(PositionReport report, bool late = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var device = report.Device;
        if (report.Kind == ReportKind.Backlog && device.Protocol is DeviceProtocol.NativeJson or DeviceProtocol.Nmea)
        {
            return NativeJsonEncoder.EncodeBatches(device.Id, report.Fixes);
        }

        var messages = new List<DeviceMessage>(report.Fixes.Count);
        foreach (var fix in report.Fixes)
        {
            messages.Add(device.Protocol switch
            {
                DeviceProtocol.NativeJson => NativeJsonEncoder.Encode(device.Id, fix),
                DeviceProtocol.Nmea => NmeaEncoder.Encode(device.Id, fix),
                DeviceProtocol.TetraLip => Lip(device.Id, fix, report.Kind == ReportKind.Emergency ? LipReason.Emergency : LipReason.MaximumReportingInterval, late),
                DeviceProtocol.OwnTracks => OwnTracksEncoder.Encode(device.OwnTracksUser!, device.OwnTracksDevice!, fix, TrackerId(report.UnitId)),
                _ => OsmAndEncoder.Encode(device.Id, fix),
            });
        }

        return messages;
    }

    private static DeviceMessage Lip(string issi, Tracking.Core.Fixes.Fix fix, byte reason, bool late) =>
        late ? TetraLipEncoder.EncodeLong(issi, fix, reason) : TetraLipEncoder.EncodeShort(issi, fix, reason);

    /// <summary>OwnTracks' two-character tracker id shown on the map: the unit's last two characters.</summary>
    private static string TrackerId(string unitId) => unitId.Length <= 2 ? unitId : unitId[^2..];
}
