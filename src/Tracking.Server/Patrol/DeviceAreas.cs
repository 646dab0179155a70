using System.Collections.Concurrent;

namespace Tracking.Server.Patrol;

/// <summary>
/// The micro-beat and priority locations each device's latest fix is in, as the patrol stage
/// matched them. Written by the patrol stage only, read by the API. Thread-safe.
/// </summary>
internal sealed class DeviceAreas
{
    private readonly ConcurrentDictionary<string, DeviceAreaMatch> _latest = new(StringComparer.Ordinal);

    /// <summary>Records a match unless the device already has one for a later fix (late fixes never move a unit back).</summary>
    public void Record(string deviceId, DeviceAreaMatch match)
    {
        _latest.AddOrUpdate(deviceId, match, (_, held) => match.Time >= held.Time ? match : held);
    }

    public DeviceAreaMatch? Get(string deviceId) => _latest.TryGetValue(deviceId, out var match) ? match : null;
}
