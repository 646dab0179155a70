using System.Collections.Concurrent;

namespace Tracking.Core.Patrol;

/// <summary>
/// Presence computed as fixes arrive, for every device: open stays visible at once, stays
/// handed out when they close. Built on <see cref="PresenceStepper"/>, the same steps as
/// <see cref="RetrospectivePresence"/>, so that live and retrospective agree exactly.
/// </summary>
/// <remarks>
/// <para>Out-of-order fixes: each device keeps the fixes of the last <see cref="ReorderWindow"/>
/// of device time with the state after each. A fix older than the device's latest but within
/// the window is inserted and the following fixes are replayed; stays that had been handed out
/// and now come out differently are handed back as retracted, with their replacements as
/// closed. A fix older than the window is reported <see cref="LiveFixOutcome.TooLate"/>.</para>
/// <para>Thread-safety: one writer calls <see cref="Add"/> and <see cref="Sweep"/>; any thread
/// may swap <see cref="Areas"/> (a reference swap: a step uses the old or the new set) and read
/// open stays.</para>
/// </remarks>
public sealed class LivePresence
{
    // A short history is not compacted on every fix: compaction waits for at least this many entries out of the window.
    private const int CompactAtLeast = 32;
    private readonly Dictionary<string, DeviceTrack> _devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OpenStay[]> _open = new(StringComparer.Ordinal);
    private readonly List<Stay> _stepClosed = [];
    private readonly List<Stay> _replayRetracted = [];
    private readonly List<Stay> _replayClosed = [];

    private PresenceAreaSet _areas;
    private int _deviceCount;

    /// <summary>Live presence over <paramref name="areas"/>.</summary>
    public LivePresence(PresenceAreaSet areas, PresenceRules rules, TimeSpan reorderWindow)
    {
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(rules));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(reorderWindow.Ticks, nameof(reorderWindow));
        _areas = areas;
        Rules = rules;
        ReorderWindow = reorderWindow;
    }

    /// <summary>The presence rules.</summary>
    public PresenceRules Rules { get; }

    /// <summary>How far back in device time a late fix is still replayed.</summary>
    public TimeSpan ReorderWindow { get; }

    /// <summary>
    /// The areas counted. Swapped whole when the map changes: open stays in an area that is
    /// gone close by time as usual.
    /// </summary>
    public PresenceAreaSet Areas
    {
        get => Volatile.Read(ref _areas);
        set => Volatile.Write(ref _areas, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Number of devices seen. Thread-safe.</summary>
    public int DeviceCount => Volatile.Read(ref _deviceCount);

    /// <summary>
    /// Applies one fix. Stays that closed are added to <paramref name="closed"/>; stays handed
    /// out earlier that a late fix changed are added to <paramref name="retracted"/> (their
    /// replacements are in <paramref name="closed"/>).
    /// </summary>
    public LiveFixOutcome Add(string deviceId, TrackPoint fix, DateTimeOffset receivedAt, List<Stay> closed, List<Stay> retracted)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(retracted);
        if (!_devices.TryGetValue(deviceId, out var track))
        {
            track = new DeviceTrack();
            _devices.Add(deviceId, track);
            Interlocked.Increment(ref _deviceCount);
        }

        track.LastReceivedTicks = Math.Max(track.LastReceivedTicks, receivedAt.UtcTicks);
        var current = track.Current;
        if (current.Last is not { } latest || fix.Ticks > latest.Ticks)
        {
            Append(track, deviceId, current, fix);
            closed.AddRange(_stepClosed);
            Trim(track, fix.Ticks);
            Publish(deviceId, track);
            return LiveFixOutcome.Applied;
        }

        if (fix.Ticks == latest.Ticks)
        {
            return LiveFixOutcome.Duplicate;
        }

        var outcome = Replay(track, deviceId, fix);
        if (outcome == LiveFixOutcome.Replayed)
        {
            CancelUnchanged(_replayRetracted, _replayClosed);
            retracted.AddRange(_replayRetracted);
            closed.AddRange(_replayClosed);
            Publish(deviceId, track);
        }

        return outcome;
    }

    /// <summary>
    /// Closes the open stays of devices that have sent nothing for the rules'
    /// <see cref="PresenceRules.SettleAfter"/> by <paramref name="now"/> (server time): their
    /// next fix, if any, cannot continue those stays.
    /// </summary>
    public void Sweep(DateTimeOffset now, List<Stay> closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        var settledBefore = now.UtcTicks - Rules.SettleAfter.Ticks;
        foreach (var (deviceId, track) in _devices)
        {
            if (track.LastReceivedTicks > settledBefore || track.Current.Open.Length == 0)
            {
                continue;
            }

            track.Restart(PresenceStepper.Finish(track.Current, deviceId, Rules, closed));
            Publish(deviceId, track);
        }
    }

    /// <summary>The open stays of one device (empty when none). Thread-safe.</summary>
    public IReadOnlyList<OpenStay> OpenStays(string deviceId) =>
        _open.TryGetValue(deviceId, out var open) ? open : [];

    /// <summary>Every device's open stays, devices with none left out. Thread-safe.</summary>
    public IEnumerable<(string DeviceId, IReadOnlyList<OpenStay> Stays)> AllOpenStays()
    {
        foreach (var (deviceId, open) in _open)
        {
            if (open.Length > 0)
            {
                yield return (deviceId, open);
            }
        }
    }

    private void Append(DeviceTrack track, string deviceId, in DevicePresenceState before, TrackPoint fix)
    {
        _stepClosed.Clear();
        var after = PresenceStepper.Step(before, fix, deviceId, Areas, Rules, long.MinValue, long.MaxValue, _stepClosed);
        track.History.Add(new Entry(fix, after, _stepClosed.Count == 0 ? null : [.. _stepClosed]));
    }

    private LiveFixOutcome Replay(DeviceTrack track, string deviceId, TrackPoint fix)
    {
        var history = track.History;
        var index = FirstNotBefore(history, track.Start, fix.Ticks);
        if (index < history.Count && history[index].Fix.Ticks == fix.Ticks)
        {
            return LiveFixOutcome.Duplicate;
        }

        var before = index == track.Start ? track.Base : history[index - 1].After;
        if (before.Last is { } previous && previous.Ticks >= fix.Ticks)
        {
            return previous.Ticks == fix.Ticks ? LiveFixOutcome.Duplicate : LiveFixOutcome.TooLate;
        }

        _replayRetracted.Clear();
        _replayClosed.Clear();
        var later = new List<TrackPoint>(history.Count - index);
        for (var i = index; i < history.Count; i++)
        {
            later.Add(history[i].Fix);
            if (history[i].Closed is { } stays)
            {
                _replayRetracted.AddRange(stays);
            }
        }

        history.RemoveRange(index, history.Count - index);
        Append(track, deviceId, before, fix);
        _replayClosed.AddRange(_stepClosed);
        foreach (var point in later)
        {
            Append(track, deviceId, track.Current, point);
            _replayClosed.AddRange(_stepClosed);
        }

        return LiveFixOutcome.Replayed;
    }

    private void Trim(DeviceTrack track, long newestTicks)
    {
        var history = track.History;
        var keepFrom = newestTicks - ReorderWindow.Ticks;
        var start = track.Start;
        while (start < history.Count - 1 && history[start].Fix.Ticks < keepFrom)
        {
            start++;
        }

        track.Start = start;
        // Removing from the front of a list moves everything after it: dropping one entry per fix would cost the
        // window's length per fix. The dropped part is removed once it is as long as the part kept, so each entry
        // is moved at most once on average.
        if (start >= CompactAtLeast && start >= history.Count - start)
        {
            track.Compact();
        }
    }

    private void Publish(string deviceId, DeviceTrack track) => _open[deviceId] = track.Current.Open;

    private static int FirstNotBefore(List<Entry> history, int start, long ticks)
    {
        int low = start, high = history.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (history[middle].Fix.Ticks < ticks)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    // A replay often hands back the same stays it took back: those cancel out.
    private static void CancelUnchanged(List<Stay> retracted, List<Stay> closed)
    {
        for (var i = retracted.Count - 1; i >= 0; i--)
        {
            var match = closed.IndexOf(retracted[i]);
            if (match >= 0)
            {
                closed.RemoveAt(match);
                retracted.RemoveAt(i);
            }
        }
    }

    private readonly record struct Entry(TrackPoint Fix, DevicePresenceState After, Stay[]? Closed);

    /// <summary>
    /// One device's fixes within the reorder window, each with the state after it. Entries before
    /// <see cref="Start"/> have left the window and wait for <see cref="Compact"/>; of them only the state after
    /// the last one is read (<see cref="Base"/>).
    /// </summary>
    private sealed class DeviceTrack
    {
        private DevicePresenceState _beforeHistory = DevicePresenceState.Initial;

        public List<Entry> History { get; } = [];

        /// <summary>Index of the first entry still in the window.</summary>
        public int Start { get; set; }

        public long LastReceivedTicks { get; set; }

        /// <summary>The state before the first entry in the window.</summary>
        public DevicePresenceState Base => Start > 0 ? History[Start - 1].After : _beforeHistory;

        public DevicePresenceState Current => History.Count > 0 ? History[^1].After : Base;

        /// <summary>Forgets the history and carries on from <paramref name="state"/>.</summary>
        public void Restart(DevicePresenceState state)
        {
            _beforeHistory = state;
            History.Clear();
            Start = 0;
        }

        /// <summary>Removes the entries that left the window.</summary>
        public void Compact()
        {
            _beforeHistory = Base;
            History.RemoveRange(0, Start);
            Start = 0;
        }
    }
}
