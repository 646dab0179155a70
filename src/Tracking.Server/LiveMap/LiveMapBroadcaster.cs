using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Fixes;
using Tracking.Core.Incidents;
using Tracking.Server.Command;
using Tracking.Server.Live;

namespace Tracking.Server.LiveMap;

/// <summary>
/// The live map's push. One loop owns all of its state, without locks: the markers, the open incidents and
/// alarms, the clients and their views. Ten times a frame interval it takes what changed — units from the control
/// room's events, devices no unit holds from live state, incidents, alarms and dispatches — and gives it to every view
/// that shows it, where it waits, coalesced, for the view's next frame. Each view's clients get a frame at most once
/// a frame interval, each view at its own time (<see cref="ViewGroup.DueAt"/>); each changed marker is serialized once
/// per protocol and copied into every frame that shows it (<see cref="PreparedPayload"/>), on the thread pool. A client still receiving
/// its previous frame gets nothing then: what it missed waits in its bounded backlog, coalesced (what is replaced is
/// counted). Nothing here blocks ingestion or the control room: a fix only marks its device as changed, and the
/// control room's events wait in its bounded queue until the loop reads them.
/// </summary>
/// <remarks>
/// Units are read from the control room once, at start; after that its <see cref="UnitChanges"/> events keep them
/// current (it publishes every move, status and duty change, coalesced per slice of positions), so a step costs what
/// changed, not a pass over every unit, and never waits for the control room's loop. Views taking turns through the
/// interval, rather than all at one tick, spread the frames' sending and the clients' reading of them, and a view that
/// is due has little more than its frame to make: a change waits for its view's next frame half an interval on
/// average, as with one tick for all, but not behind the reading of every change and every other view's frames. The
/// events come in the order the control room applied them and each carries the unit's whole state, so a unit never
/// goes back to an older state.
/// Which devices a unit holds comes from the control room's own rota (<see cref="ControlRoom.Rota"/>), so a device
/// with no shift is a marker of its own.
/// Thread-safety: <see cref="JoinAsync"/>, <see cref="LeaveAsync"/>, <see cref="Offer"/> and <see cref="Stats"/> may
/// be called from any thread; everything else runs on the loop.
/// </remarks>
internal sealed partial class LiveMapBroadcaster : BackgroundService
{
    public const string SnapshotMethod = "snapshot";
    public const string FrameMethod = "frame";

    private const int RequestCapacity = 1_024;

    private readonly ControlRoom _room;
    private readonly ControlRoomEvents _events;
    private readonly LiveState _live;
    private readonly IHubContext<LiveHub> _hub;
    private readonly TimeProvider _time;
    private readonly LiveMapOptions _options;
    private readonly TimeSpan _interval;
    private readonly FramePhases _phases;

    // How often what changed is taken and given to the views, between the views' frames: the work a due view waits
    // for is then at most this much of changes, not a whole interval's.
    private readonly TimeSpan _absorbEvery;
    private readonly ILogger<LiveMapBroadcaster> _logger;
    private readonly LiveMapCounters _counters = new();
    private readonly Channel<Func<Task>> _requests = Channel.CreateBounded<Func<Task>>(new BoundedChannelOptions(RequestCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    // Devices with a fix not yet looked at; a set, so it holds each device once however many fixes it sent.
    private readonly ConcurrentDictionary<string, bool> _dirtyDevices = new(StringComparer.Ordinal);

    private readonly Dictionary<string, IncidentView> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Alarm> _alarms = [];
    private readonly Dictionary<string, LiveClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<MapView, ViewGroup> _groups = [];

    // What changed since the last step.
    private readonly Dictionary<string, IncidentView> _changedIncidents = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Alarm> _changedAlarms = [];
    private readonly List<DispatchMessage> _dispatches = [];

    private ChannelReader<ControlRoomEvent>? _subscription;
    private CancellationToken _stopping;
    private int _clientCount;
    private int _viewCount;

    public LiveMapBroadcaster(
        ControlRoom room,
        ControlRoomEvents events,
        LiveState live,
        IHubContext<LiveHub> hub,
        TimeProvider time,
        IOptions<LiveMapOptions> options,
        ILogger<LiveMapBroadcaster> logger)
    {
        _room = room;
        _events = events;
        _live = live;
        _hub = hub;
        _time = time;
        _options = options.Value;
        _interval = _options.FrameInterval;
        _phases = new FramePhases(_interval);
        _absorbEvery = _interval / FramePhases.Count;
        _logger = logger;
    }

    /// <summary>
    /// Takes a durable batch of fixes (the journal's commit loop calls it through <see cref="LiveState.Offered"/>):
    /// only marks each device as changed, without blocking; the next step reads its latest fix from live state.
    /// </summary>
    public void Offer(IReadOnlyList<Fix> fixes)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        for (var i = 0; i < fixes.Count; i++)
        {
            MarkDirty(fixes[i].DeviceId);
        }
    }

    /// <summary>
    /// Puts a connection in a view (replacing any view it had) and sends it a snapshot of that view; completes once
    /// the snapshot is written to the connection, so frames that follow come after it.
    /// </summary>
    public async Task JoinAsync(string connectionId, MapView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connectionId);
        ArgumentNullException.ThrowIfNull(view);
        var sending = await AskAsync(() => JoinOnLoopAsync(connectionId, view), cancellationToken);
        await sending.WaitAsync(cancellationToken);
    }

    /// <summary>Forgets a connection (it closed).</summary>
    public async Task LeaveAsync(string connectionId)
    {
        try
        {
            await _requests.Writer.WriteAsync(() =>
            {
                Leave(connectionId);
                return Task.CompletedTask;
            });
        }
        catch (ChannelClosedException)
        {
            // Stopping: every connection goes.
        }
    }

    public LiveMapStats Stats() => new(
        Volatile.Read(ref _clientCount),
        Volatile.Read(ref _viewCount),
        Volatile.Read(ref _markerCount),
        _counters.FramesSent,
        _counters.SnapshotsSent,
        _counters.HeartbeatsSent,
        _counters.BytesSent,
        _counters.FramesDeferred,
        _counters.UpdatesDropped,
        _counters.SendFailures,
        _events.Dropped,
        _counters.Ticks,
        _counters.TickMilliseconds,
        _counters.LongestTickMilliseconds,
        _counters.ChangesMilliseconds,
        _counters.FanOutMilliseconds);

    private async Task<T> AskAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _requests.Writer.WriteAsync(async () =>
        {
            try
            {
                answer.TrySetResult(await work());
            }
            catch (Exception exception)
            {
                answer.TrySetException(exception);
            }
        }, cancellationToken);
        return await answer.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        _subscription = _events.Subscribe();
        try
        {
            await _room.Loaded.WaitAsync(stoppingToken);
            await LoadAsync(stoppingToken);
            var nextStep = _time.GetUtcNow() + _interval;
            while (!stoppingToken.IsCancellationRequested)
            {
                while (_requests.Reader.TryRead(out var request))
                {
                    await RunSafelyAsync(request);
                }

                var now = _time.GetUtcNow();
                if (now >= nextStep)
                {
                    var started = Stopwatch.GetTimestamp();
                    await RunSafelyAsync(() => StepAsync(now));
                    _counters.Ticked(Stopwatch.GetElapsedTime(started));
                    nextStep = NextStep(now);
                    continue;
                }

                await WaitForWorkAsync(nextStep - now, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _requests.Writer.TryComplete();
            _events.Unsubscribe(_subscription);
        }
    }

    /// <summary>
    /// When the loop next steps: when the first view is due, and at least every <see cref="_absorbEvery"/>, so that what
    /// changed is taken in small parts as it comes (and the control room's events are read even while nobody watches).
    /// </summary>
    private DateTimeOffset NextStep(DateTimeOffset now)
    {
        var next = now + _absorbEvery;
        foreach (var group in _groups.Values)
        {
            if (group.DueAt < next)
            {
                next = group.DueAt;
            }
        }

        return next;
    }

    private async Task LoadAsync(CancellationToken stoppingToken)
    {
        foreach (var incident in await _room.OpenIncidentsAsync().WaitAsync(stoppingToken))
        {
            _incidents[incident.Id] = incident;
        }

        foreach (var alarm in await _room.OpenAlarmsAsync().WaitAsync(stoppingToken))
        {
            _alarms[alarm.Id] = alarm;
        }

        await LoadUnitsAsync(stoppingToken);
        TakeRota();
        LogStarted(_logger, _incidents.Count, _alarms.Count, _rota.Shifts.Count, _options.MaxFramesPerSecond);
    }

    /// <summary>
    /// Takes what changed since the last step, then sends the views that are due their frames. A view is due an interval after
    /// its last frame, so no client gets frames closer than that; views are due at different times
    /// (<see cref="ViewGroup.DueAt"/>), so a step sends only a few views' frames.
    /// </summary>
    private Task StepAsync(DateTimeOffset now)
    {
        Absorb(lookAtDevices: _groups.Count > 0);
        if (_groups.Count == 0)
        {
            return Task.CompletedTask;
        }

        var delivering = Stopwatch.GetTimestamp();
        var earliest = DateTimeOffset.MaxValue;
        foreach (var group in _groups.Values)
        {
            if (group.DueAt <= now && group.DueAt < earliest)
            {
                earliest = group.DueAt;
            }
        }

        foreach (var group in _groups.Values)
        {
            if (group.DueAt <= now)
            {
                Deliver(group, now);

                // Views served late together keep their turns apart (a pause of the loop would otherwise make them one).
                group.DueAt = now + _interval + (group.DueAt - earliest);
            }
        }

        _counters.FannedOut(Stopwatch.GetElapsedTime(delivering));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Takes what changed — the control room's events, its rota and, when <paramref name="lookAtDevices"/> (someone
    /// watches), the devices that reported — and gives it to every view, to wait there, coalesced, for its next frame.
    /// </summary>
    private void Absorb(bool lookAtDevices)
    {
        var started = Stopwatch.GetTimestamp();
        DrainEvents();
        TakeRota();
        if (lookAtDevices)
        {
            DrainDevices();
        }

        Distribute();
        ClearChanges();
        Volatile.Write(ref _markerCount, _markers.Count);
        _counters.ReadChanges(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Applies the control room's events: units, incidents and alarms as they are now, dispatches in order.</summary>
    private void DrainEvents()
    {
        while (_subscription!.TryRead(out var e))
        {
            switch (e.Payload)
            {
                case UnitChanges units:
                    foreach (var unit in units.Changed)
                    {
                        ApplyUnit(unit);
                    }

                    foreach (var unitId in units.Removed)
                    {
                        RemoveUnit(unitId);
                    }

                    break;
                case IncidentView incident:
                    if (incident.Status == IncidentStatus.Open)
                    {
                        _incidents[incident.Id] = incident;
                    }
                    else
                    {
                        _incidents.Remove(incident.Id);
                    }

                    _changedIncidents[incident.Id] = incident;
                    break;
                case Alarm alarm:
                    if (alarm.IsOpen)
                    {
                        _alarms[alarm.Id] = alarm;
                    }
                    else
                    {
                        _alarms.Remove(alarm.Id);
                    }

                    _changedAlarms[alarm.Id] = alarm;
                    break;
                case DispatchMessage dispatch:
                    if (_dispatches.Count == ClientBacklog.DispatchCapacity)
                    {
                        _dispatches.RemoveAt(0);
                        _counters.Dropped(1);
                    }

                    _dispatches.Add(dispatch);
                    break;
            }
        }
    }

    private void ClearChanges()
    {
        _changedMarkers.Clear();
        _goneMarkers.Clear();
        _changedIncidents.Clear();
        _changedAlarms.Clear();
        _dispatches.Clear();
    }

    private async Task RunSafelyAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception exception) when (!_stopping.IsCancellationRequested)
        {
            LogFailed(_logger, exception);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // Stopping: the control room may have stopped first.
        }
    }

    private async Task WaitForWorkAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var requests = _requests.Reader.WaitToReadAsync(wait.Token).AsTask();
        var timer = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, _time, wait.Token);
        await Task.WhenAny(requests, timer);
        await wait.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(EventId = 1800, Level = LogLevel.Information,
        Message = "Live map ready: {Incidents} open incidents, {Alarms} open alarms, rota of {Shifts} shifts; at most {FramesPerSecond} frames per second per client")]
    private static partial void LogStarted(ILogger logger, int incidents, int alarms, int shifts, double framesPerSecond);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Error, Message = "A live-map step failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
