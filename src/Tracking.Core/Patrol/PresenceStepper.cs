namespace Tracking.Core.Patrol;

/// <summary>
/// The presence rules as one step per fix: the one implementation behind both live presence
/// (<see cref="LivePresence"/>) and retrospective presence (<see cref="RetrospectivePresence"/>),
/// so the two agree exactly.
/// </summary>
/// <remarks>
/// A step takes the segment from the state's last fix to the new one (when they are no more
/// than MaxGap apart), finds the time the linearly interpolated position is inside each area,
/// clips it to the counting window, merges it into the area's open stay when it starts less
/// than Grace after that stay's exit (or exactly at it), and closes every stay that no later
/// interval could merge with any more: its exit is before the new fix by Grace or more. Stateless and thread-safe; the
/// scratch lists are per thread.
/// </remarks>
public static class PresenceStepper
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    [ThreadStatic]
    private static List<int>? t_candidates;

    [ThreadStatic]
    private static List<(double Start, double End)>? t_ranges;

    /// <summary>
    /// Applies one fix that is later than the state's last fix. Stays that close are added to
    /// <paramref name="closed"/>. Only inside time within [<paramref name="windowStartTicks"/>,
    /// <paramref name="windowEndTicks"/>] counts.
    /// </summary>
    public static DevicePresenceState Step(
        in DevicePresenceState state,
        TrackPoint fix,
        string deviceId,
        PresenceAreaSet areas,
        PresenceRules rules,
        long windowStartTicks,
        long windowEndTicks,
        List<Stay> closed)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(closed);
        if (state.Last is { } last && fix.Ticks <= last.Ticks)
        {
            throw new ArgumentException("Fixes must be applied in increasing device time.", nameof(fix));
        }

        var open = state.Open;
        if (state.Last is { } from && fix.Ticks - from.Ticks <= rules.MaxGap.Ticks)
        {
            open = AddSegment(open, from, fix, deviceId, areas, rules, windowStartTicks, windowEndTicks, closed);
        }

        open = CloseSettled(open, fix.Ticks, deviceId, rules, closed);
        return new DevicePresenceState(fix, open);
    }

    /// <summary>
    /// Continues the track at a fix after fixes that were left out because none of their segments comes near any area
    /// (a reader that prunes by place): no segment from the state's last fix, and the open stays settle as they would
    /// have while the device was away. Stepping every left-out fix instead gives the same stays.
    /// </summary>
    public static DevicePresenceState Resume(in DevicePresenceState state, TrackPoint fix, string deviceId, PresenceRules rules, List<Stay> closed)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(closed);
        if (state.Last is { } last && fix.Ticks <= last.Ticks)
        {
            throw new ArgumentException("Fixes must be applied in increasing device time.", nameof(fix));
        }

        return new DevicePresenceState(fix, CloseSettled(state.Open, fix.Ticks, deviceId, rules, closed));
    }

    /// <summary>Closes every open stay: the track has ended (end of the data, or the device fell silent).</summary>
    public static DevicePresenceState Finish(in DevicePresenceState state, string deviceId, PresenceRules rules, List<Stay> closed)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(closed);
        foreach (var stay in state.Open)
        {
            closed.Add(ToStay(stay, deviceId, rules));
        }

        return new DevicePresenceState(state.Last, []);
    }

    /// <summary>An open stay as a stay, a visit or a pass by its length so far.</summary>
    public static Stay ToStay(in OpenStay stay, string deviceId, PresenceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new Stay(
            deviceId,
            stay.AreaKey,
            stay.Enter,
            stay.Exit,
            stay.InsideSeconds,
            IsVisit: stay.ExitTicks - stay.EnterTicks >= rules.MinDwell.Ticks);
    }

    private static OpenStay[] AddSegment(
        OpenStay[] open,
        TrackPoint a,
        TrackPoint b,
        string deviceId,
        PresenceAreaSet areas,
        PresenceRules rules,
        long windowStartTicks,
        long windowEndTicks,
        List<Stay> closed)
    {
        if (b.Ticks <= windowStartTicks || a.Ticks >= windowEndTicks)
        {
            return open;
        }

        var candidates = t_candidates ??= new List<int>();
        var ranges = t_ranges ??= new List<(double, double)>();
        candidates.Clear();
        areas.Candidates(a.X, a.Y, b.X, b.Y, candidates);
        if (candidates.Count > 1)
        {
            // Stays close in a fixed order whatever the index returns.
            candidates.Sort();
        }

        var duration = b.Ticks - a.Ticks;
        foreach (var index in candidates)
        {
            var area = areas.Areas[index];
            ranges.Clear();
            area.Shape.InsideRanges(a.X, a.Y, b.X, b.Y, ranges);
            foreach (var (start, end) in ranges)
            {
                // s = 1 lands exactly on b's time, so intervals of consecutive segments meet exactly.
                var enter = Math.Max(a.Ticks + ToMicroseconds(start * duration), windowStartTicks);
                var exit = Math.Min(a.Ticks + ToMicroseconds(end * duration), windowEndTicks);
                if (exit > enter)
                {
                    open = AddInterval(open, area.Key, enter, exit, deviceId, rules, closed);
                }
            }
        }

        return open;
    }

    private static OpenStay[] AddInterval(OpenStay[] open, string areaKey, long enter, long exit, string deviceId, PresenceRules rules, List<Stay> closed)
    {
        for (var i = 0; i < open.Length; i++)
        {
            if (!string.Equals(open[i].AreaKey, areaKey, StringComparison.Ordinal))
            {
                continue;
            }

            var copy = (OpenStay[])open.Clone();
            var stay = open[i];
            if (Merges(enter - stay.ExitTicks, rules))
            {
                copy[i] = stay with
                {
                    ExitTicks = Math.Max(stay.ExitTicks, exit),
                    InsideTicks = stay.InsideTicks + (exit - enter),
                };
            }
            else
            {
                closed.Add(ToStay(stay, deviceId, rules));
                copy[i] = new OpenStay(areaKey, enter, exit, exit - enter);
            }

            return copy;
        }

        var grown = new OpenStay[open.Length + 1];
        open.CopyTo(grown, 0);
        grown[^1] = new OpenStay(areaKey, enter, exit, exit - enter);
        return grown;
    }

    // Boundary times are whole microseconds, the resolution PostgreSQL keeps, so a stay read back
    // from storage equals the stay computed (fix times are whole microseconds for the same reason).
    private static long ToMicroseconds(double ticks) =>
        (long)Math.Round(ticks / TicksPerMicrosecond, MidpointRounding.AwayFromZero) * TicksPerMicrosecond;

    // An interval that starts where the stay ends (gap 0: the next segment of a track inside)
    // continues it even with Grace 0; otherwise the gap must be shorter than Grace.
    private static bool Merges(long gapTicks, PresenceRules rules) => gapTicks <= 0 || gapTicks < rules.Grace.Ticks;

    private static OpenStay[] CloseSettled(OpenStay[] open, long nowTicks, string deviceId, PresenceRules rules, List<Stay> closed)
    {
        var settled = 0;
        foreach (var stay in open)
        {
            if (!Merges(nowTicks - stay.ExitTicks, rules))
            {
                settled++;
            }
        }

        if (settled == 0)
        {
            return open;
        }

        var remaining = new OpenStay[open.Length - settled];
        var next = 0;
        foreach (var stay in open)
        {
            if (!Merges(nowTicks - stay.ExitTicks, rules))
            {
                closed.Add(ToStay(stay, deviceId, rules));
            }
            else
            {
                remaining[next++] = stay;
            }
        }

        return remaining;
    }
}
