using System.Collections.Concurrent;
using Tracking.Core.Fixes;

namespace Tracking.Server.Live;

/// <summary>
/// The latest position of every device. A fix replaces the held one only when its device time is later, so an
/// out-of-order or replayed fix never moves a unit back in time. Thread-safe and lock-free for readers.
/// </summary>
internal sealed class LiveState
{
    private readonly ConcurrentDictionary<string, Fix> _latest = new(StringComparer.Ordinal);

    public int Count => _latest.Count;

    /// <summary>
    /// Raised with every batch offered (the journal's durable fixes and those recovered after a
    /// restart), for the stages after live state. Handlers must not block and must copy the list.
    /// </summary>
    public event Action<IReadOnlyList<Fix>>? Offered;

    /// <summary>Offers a fix; returns true when it became the device's latest position.</summary>
    public bool Offer(Fix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        while (true)
        {
            if (!_latest.TryGetValue(fix.DeviceId, out var current))
            {
                if (_latest.TryAdd(fix.DeviceId, fix))
                {
                    return true;
                }

                continue;
            }

            if (fix.DeviceTime <= current.DeviceTime)
            {
                return false;
            }

            if (_latest.TryUpdate(fix.DeviceId, fix, current))
            {
                return true;
            }
        }
    }

    public void OfferAll(IReadOnlyList<Fix> fixes)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        for (var i = 0; i < fixes.Count; i++)
        {
            Offer(fixes[i]);
        }

        Offered?.Invoke(fixes);
    }

    public Fix? Get(string deviceId) => _latest.TryGetValue(deviceId, out var fix) ? fix : null;

    /// <summary>Every device with a position, in no particular order (no copy, no sort).</summary>
    public IEnumerable<string> DeviceIds => _latest.Keys;

    /// <summary>A snapshot of every device's latest fix, ordered by device id.</summary>
    public List<Fix> Snapshot() => _latest.Values.OrderBy(fix => fix.DeviceId, StringComparer.Ordinal).ToList();
}
