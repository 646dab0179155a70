namespace Tracking.Core.Patrol;

/// <summary>
/// Presence computed after the fact from stored tracks, for any areas and any period, with
/// the same steps as live presence.
/// </summary>
public static class RetrospectivePresence
{
    /// <summary>
    /// Adds to <paramref name="stays"/> every stay of one device's track in the areas, counting
    /// only inside time within [<paramref name="from"/>, <paramref name="to"/>). The track may be
    /// in any order and hold duplicate times (the first of a time is kept, as storage does);
    /// pass the fixes from MaxGap before <paramref name="from"/> to MaxGap after
    /// <paramref name="to"/> so that segments crossing the period's ends count their part.
    /// </summary>
    public static void Compute(
        string deviceId,
        IEnumerable<TrackPoint> track,
        PresenceAreaSet areas,
        PresenceRules rules,
        DateTimeOffset from,
        DateTimeOffset to,
        List<Stay> stays)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(stays);
        var points = new List<TrackPoint>(track);
        // A stable sort keeps the first of equal times first.
        var ordered = points.Select((point, index) => (point, index)).OrderBy(p => p.point.Ticks).ThenBy(p => p.index);
        var state = DevicePresenceState.Initial;
        foreach (var (point, _) in ordered)
        {
            if (state.Last is { } last && point.Ticks <= last.Ticks)
            {
                continue;
            }

            state = PresenceStepper.Step(state, point, deviceId, areas, rules, from.UtcTicks, to.UtcTicks, stays);
        }

        PresenceStepper.Finish(state, deviceId, rules, stays);
    }

    /// <summary>Every stay of one device's whole track, with no period limit.</summary>
    public static void Compute(string deviceId, IEnumerable<TrackPoint> track, PresenceAreaSet areas, PresenceRules rules, List<Stay> stays) =>
        Compute(deviceId, track, areas, rules, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, stays);
}
