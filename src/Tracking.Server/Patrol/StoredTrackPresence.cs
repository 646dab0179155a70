using Tracking.Core.Geo;
using Tracking.Core.Patrol;

namespace Tracking.Server.Patrol;

/// <summary>
/// Presence over stored tracks as they are read (<see cref="Tracking.Storage.Patrol.StoredTracks"/> hands fixes ordered
/// by device, then time): each fix projected and stepped with the live rules, a device's open stays closed when the next
/// device starts and at the end. Counts only inside time within [from, to]; the reader should include MaxGap either side
/// so the segments that cross the period's ends are made. Not thread-safe: one per read.
/// </summary>
internal sealed class StoredTrackPresence(PresenceAreaSet areas, MapProjection projection, PresenceRules rules, DateTimeOffset from, DateTimeOffset to)
{
    private readonly long _fromTicks = from.UtcTicks;
    private readonly long _toTicks = to.UtcTicks;
    private string? _device;
    private DevicePresenceState _state = DevicePresenceState.Initial;

    /// <summary>The stays closed so far (all of them after <see cref="Finish"/>).</summary>
    public List<Stay> Stays { get; } = [];

    public int Devices { get; private set; }

    public long Fixes { get; private set; }

    /// <summary>The next fix read: device id, device time in UTC ticks, longitude, latitude.</summary>
    public void Add(string deviceId, long ticks, double longitude, double latitude) => Add(deviceId, ticks, longitude, latitude, resumes: false);

    /// <summary>
    /// The next fix read by a reader that leaves out fixes away from the areas
    /// (<see cref="Tracking.Storage.Patrol.StoredTracks.ReadNearAsync"/>): <paramref name="resumes"/> when the fixes
    /// before it were left out, so no segment joins it to the one before.
    /// </summary>
    public void Add(string deviceId, long ticks, double longitude, double latitude, bool resumes)
    {
        if (!ReferenceEquals(deviceId, _device) && !string.Equals(deviceId, _device, StringComparison.Ordinal))
        {
            if (_device is not null)
            {
                PresenceStepper.Finish(_state, _device, rules, Stays);
            }

            _device = deviceId;
            _state = DevicePresenceState.Initial;
            Devices++;
        }

        Fixes++;
        var (x, y) = projection.Project(longitude, latitude);
        var point = new TrackPoint(x, y, ticks);
        _state = resumes
            ? PresenceStepper.Resume(_state, point, deviceId, rules, Stays)
            : PresenceStepper.Step(_state, point, deviceId, areas, rules, _fromTicks, _toTicks, Stays);
    }

    /// <summary>Closes the last device's open stays (its track has ended) and returns every stay.</summary>
    public List<Stay> Finish()
    {
        if (_device is not null)
        {
            _state = PresenceStepper.Finish(_state, _device, rules, Stays);
        }

        return Stays;
    }
}
