using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Fixes;
using Tracking.Core.Geo;
using Tracking.Core.Geo.Routing;
using Tracking.Core.Incidents;
using Tracking.Core.Resources;
using Tracking.Server.Patrol;
using Tracking.Storage.Command;

namespace Tracking.Server.Command;

/// <summary>
/// Command and control in the server: units, their duty, status and positions, open incidents, who
/// was sent and who arrived, and emergency alarms. One loop owns all of it (no locks): requests from
/// the API and from devices' status and CAD messages wait in one queue and are answered in order;
/// durable fixes come in a second, bounded queue, dropped when full (counted), so positions never
/// hold up a dispatcher and alarms never wait behind positions. What a person asks for is stored
/// before it is answered; what the control room decides from the tracks (arrivals, shift ends,
/// alarms) is applied at once and stored through <see cref="CommandWriter"/>.
/// </summary>
internal sealed partial class ControlRoom : BackgroundService
{
    private readonly ReferenceStore _reference;
    private readonly IncidentStore _incidentStore;
    private readonly UnitStatusStore _statusStore;
    private readonly AlarmStore _alarmStore;
    private readonly CommandWriter _writer;
    private readonly ControlRoomEvents _events;
    private readonly DeviceOutbox _outbox;
    private readonly IncidentPlaces _places;
    private readonly TimeProvider _time;
    private readonly CommandOptions _options;
    private readonly ResponseTargets _targets;
    private readonly ILogger<ControlRoom> _logger;
    private readonly Channel<Func<Task>> _requests = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<Fix[]> _positions;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Dictionary<string, LiveUnit> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Officer> _officers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Fix> _deviceLast = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Incident> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Attendance>> _attendances = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Alarm> _alarms = [];
    private readonly Dictionary<string, UnitSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly List<SceneEvent> _sceneEvents = [];
    private Dictionary<string, IReadOnlyList<Accreditation>> _accreditations = new(StringComparer.Ordinal);
    private DutyRota _rota = DutyRota.Empty;
    private SceneDetector _scenes;
    private MapProjection _projection;
    private UnitPositionIndex _index;
    private Recommender _recommender;
    private long _droppedFixes;

    public ControlRoom(
        ReferenceStore reference,
        IncidentStore incidentStore,
        UnitStatusStore statusStore,
        AlarmStore alarmStore,
        CommandWriter writer,
        ControlRoomEvents events,
        DeviceOutbox outbox,
        MapState maps,
        IncidentPlaces places,
        TimeProvider time,
        IOptions<CommandOptions> options,
        ILogger<ControlRoom> logger)
    {
        _reference = reference;
        _incidentStore = incidentStore;
        _statusStore = statusStore;
        _alarmStore = alarmStore;
        _writer = writer;
        _events = events;
        _outbox = outbox;
        _places = places;
        _time = time;
        _options = options.Value;
        _targets = _options.Targets;
        _logger = logger;
        _positions = Channel.CreateBounded<Fix[]>(new BoundedChannelOptions(_options.PositionQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        _scenes = new SceneDetector(_options.Scene);
        (_projection, _index, _recommender) = BuildGeography(maps.Current);
        maps.Changed += snapshot => Post(() =>
        {
            RebuildGeography(snapshot);
            return Task.CompletedTask;
        });
    }

    /// <summary>Fixes dropped because the control room was behind (they are stored all the same).</summary>
    public long DroppedFixes => Interlocked.Read(ref _droppedFixes);

    /// <summary>
    /// The rota the control room works with (immutable; replaced whole when re-read), for readers on other
    /// threads such as the live map: one copy, so the map and the control room never disagree on who holds a device.
    /// </summary>
    public DutyRota Rota => Volatile.Read(ref _rota);

    /// <summary>Completes once the state has been loaded from the database.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>Takes a batch of durable fixes; never blocks (the caller is the journal's commit loop).</summary>
    public void Offer(IReadOnlyList<Fix> fixes)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        if (fixes.Count == 0)
        {
            return;
        }

        // Alarms never share a drop policy with positions: an emergency goes to the request queue.
        foreach (var fix in fixes)
        {
            // Only after the loop has stopped (shutdown) can this fail; the fix itself is stored.
            if (fix.Emergency)
            {
                _requests.Writer.TryWrite(() => RaiseAlarmAsync(fix.DeviceId, fix, AlarmSource.Fix, fix.DeviceTime));
            }
        }

        if (!_positions.Writer.TryWrite([.. fixes]) && Interlocked.Add(ref _droppedFixes, fixes.Count) == fixes.Count)
        {
            LogFirstDrop(_logger, fixes.Count, _options.PositionQueueCapacity);
        }
    }

    /// <summary>Runs <paramref name="work"/> on the loop and returns its answer.</summary>
    private Task<T> Ask<T>(Func<Task<T>> work)
    {
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(async () =>
        {
            try
            {
                var result = await work();
                PublishUnitChanges();
                answer.SetResult(result);
            }
            catch (Exception exception)
            {
                PublishUnitChanges();
                answer.SetException(exception);
            }
        });
        return answer.Task;
    }

    private Task<T> Ask<T>(Func<T> work) => Ask(() => Task.FromResult(work()));

    private void Post(Func<Task> work)
    {
        if (!_requests.Writer.TryWrite(work))
        {
            throw new InvalidOperationException("The control room has stopped.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadAsync(stoppingToken);
            _loaded.TrySetResult();
            var nextTick = _time.GetUtcNow();
            var nextRota = nextTick + _options.RotaRefreshInterval;
            while (!stoppingToken.IsCancellationRequested)
            {
                while (_requests.Reader.TryRead(out var request))
                {
                    await RunSafelyAsync(request);
                }

                // A bounded slice of positions, then requests again: a flood of fixes never delays a dispatcher.
                for (var i = 0; i < 16 && _positions.Reader.TryRead(out var batch); i++)
                {
                    ProcessPositions(batch);
                }

                PublishUnitChanges();

                var now = _time.GetUtcNow();
                if (now >= nextTick)
                {
                    ApplyRota(now);
                    nextTick = now + _options.TickInterval;
                }

                if (now >= nextRota)
                {
                    await RunSafelyAsync(() => RefreshRotaAsync(stoppingToken));
                    nextRota = now + _options.RotaRefreshInterval;
                }

                PublishUnitChanges();

                if (_requests.Reader.TryPeek(out _) || _positions.Reader.TryPeek(out _))
                {
                    continue;
                }

                await WaitForWorkAsync(nextTick - _time.GetUtcNow(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _requests.Writer.TryComplete();
            _loaded.TrySetCanceled(stoppingToken);
        }
    }

    private async Task RunSafelyAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(_logger, exception);
        }
    }

    private async Task WaitForWorkAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var requests = _requests.Reader.WaitToReadAsync(wait.Token).AsTask();
        var positions = _positions.Reader.WaitToReadAsync(wait.Token).AsTask();
        var timer = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, _time, wait.Token);
        await Task.WhenAny(requests, positions, timer);
        await wait.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task LoadAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await LoadReferenceAsync(stoppingToken);
                await RefreshRotaAsync(stoppingToken);
                foreach (var (unitId, change) in await _statusStore.LatestAsync(stoppingToken))
                {
                    if (_units.TryGetValue(unitId, out var unit))
                    {
                        unit.Status = change.Status;
                        unit.Reason = change.Reason;
                        unit.IncidentId = change.IncidentId;
                        unit.StatusSince = change.At;
                    }
                }

                foreach (var incident in await _incidentStore.ListAsync(IncidentStatus.Open, null, null, stoppingToken))
                {
                    OpenIncident(incident);
                }

                foreach (var attendance in await _incidentStore.ListAttendancesOfOpenIncidentsAsync(stoppingToken))
                {
                    RestoreAttendance(attendance);
                }

                foreach (var alarm in await _alarmStore.ListAsync(openOnly: true, stoppingToken))
                {
                    _alarms[alarm.Id] = alarm;
                }

                ApplyRota(_time.GetUtcNow());
                LogLoaded(_logger, _units.Count, _officers.Count, _rota.Shifts.Count, _open.Count, _alarms.Count);
                return;
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or IOException)
            {
                LogLoadRetry(_logger, exception, backoff.TotalSeconds);
                await Task.Delay(backoff, _time, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    /// <summary>Re-reads officers, accreditations, units and the rota (after an import).</summary>
    public Task ReloadReferenceAsync(CancellationToken cancellationToken) => Ask(async () =>
    {
        await LoadReferenceAsync(cancellationToken);
        await RefreshRotaAsync(cancellationToken);
        ApplyRota(_time.GetUtcNow());
        return true;
    });

    private async Task LoadReferenceAsync(CancellationToken cancellationToken)
    {
        var officers = await _reference.ListOfficersAsync(cancellationToken);
        var accreditations = await _reference.ListAccreditationsAsync(cancellationToken);
        var units = await _reference.ListUnitsAsync(cancellationToken);

        _officers.Clear();
        foreach (var officer in officers)
        {
            _officers[officer.Id] = officer;
        }

        _accreditations = accreditations.GroupBy(a => a.OfficerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Accreditation>)[.. g], StringComparer.Ordinal);
        var known = new HashSet<string>(units.Select(u => u.Id), StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (_units.TryGetValue(unit.Id, out var live))
            {
                live.Unit = unit;
            }
            else
            {
                _units[unit.Id] = new LiveUnit(unit);
            }
        }

        foreach (var gone in _units.Values.Where(u => !known.Contains(u.ParentUnitId ?? u.Id)).ToList())
        {
            RemoveUnit(gone);
        }

        // Call signs, types, stations and teams may have changed with the crews: the recommender and the live maps see them.
        foreach (var unit in _units.Values)
        {
            RefreshCrew(unit);
            Refresh(unit);
        }
    }

    private async Task RefreshRotaAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var shifts = await _reference.ListShiftsAsync(now - TimeSpan.FromDays(1), now + TimeSpan.FromDays(2), cancellationToken);
        Volatile.Write(ref _rota, new DutyRota(shifts));
    }

    /// <summary>Puts units on and off duty as the rota says at <paramref name="now"/>.</summary>
    private void ApplyRota(DateTimeOffset now)
    {
        foreach (var unit in _units.Values.Where(u => !u.IsFootPatrolOfCrew).ToList())
        {
            var shift = _rota.ShiftOf(unit.Id, now);
            if (shift is not null)
            {
                // A new shift, or the same one re-read (its crew may have changed).
                if (!ReferenceEquals(unit.Shift, shift))
                {
                    unit.Shift = shift;
                    RefreshCrew(unit);
                    Refresh(unit);
                }

                if (unit.Status == UnitStatus.OffDuty)
                {
                    Change(unit, new UnitStatusChange(unit.Id, UnitStatus.Available, shift.Start > (unit.StatusSince ?? DateTimeOffset.MinValue) ? shift.Start : now, StatusCause.ShiftStart));
                }
            }
            else if (unit.Shift is not null || unit.Status != UnitStatus.OffDuty)
            {
                var ended = unit.Shift?.End ?? now;
                unit.Shift = null;
                foreach (var foot in _units.Values.Where(u => u.ParentUnitId == unit.Id).ToList())
                {
                    foot.Shift = null;
                    Change(foot, new UnitStatusChange(foot.Id, UnitStatus.OffDuty, ended <= now ? ended : now, StatusCause.ShiftEnd));
                    RemoveUnit(foot);
                }

                RefreshCrew(unit);
                Change(unit, new UnitStatusChange(unit.Id, UnitStatus.OffDuty, ended <= now ? ended : now, StatusCause.ShiftEnd));
            }
        }
    }

    private void RefreshCrew(LiveUnit unit)
    {
        if (unit.Shift is not { } shift)
        {
            unit.Crew = [];
            unit.Skills = new Dictionary<string, DateTimeOffset?>();
            return;
        }

        var members = unit.OfficerId is { } officer ? shift.Crew.Where(c => c.OfficerId == officer) : shift.Crew;
        unit.Crew = [.. members.Select(c => new CrewView(c.OfficerId, _officers.TryGetValue(c.OfficerId, out var o) ? o.Name : c.OfficerId, c.RadioDeviceId, c.PhoneDeviceId))];
        unit.Skills = CrewSkills.Of(unit.Crew.Select(c => c.Id), _accreditations);
    }

    /// <summary>Applies a status change, queues it for storage, and tells the live maps.</summary>
    private void Change(LiveUnit unit, UnitStatusChange change)
    {
        Apply(unit, change);
        _writer.Enqueue(token => _statusStore.AppendAsync([change], token));
    }

    private void Apply(LiveUnit unit, UnitStatusChange change)
    {
        unit.Status = change.Status;
        unit.Reason = change.Reason;
        unit.IncidentId = change.IncidentId;
        unit.StatusSince = change.At;
        Refresh(unit);
    }

    /// <summary>Brings the recommender's view of a unit in step with its state, and notes it for the live maps.</summary>
    private void Refresh(LiveUnit unit)
    {
        NoteUnitChanged(unit);
        _snapshots[unit.Id] = unit.Snapshot();
        if (unit.Position is not null)
        {
            _index.Update(unit.Id, unit.X, unit.Y, unit.Position.DeviceTime);
            _index.SetAvailable(unit.Id, unit.OnDuty && unit.Status == UnitStatus.Available);
        }
    }

    private void RemoveUnit(LiveUnit unit)
    {
        _units.Remove(unit.Id);
        NoteUnitGone(unit.Id);
        _snapshots.Remove(unit.Id);
        _index.Remove(unit.Id);
    }

    private (MapProjection Projection, UnitPositionIndex Index, Recommender Recommender) BuildGeography(MapSnapshot snapshot)
    {
        var map = snapshot.Map;
        var projection = map.Projection;
        double minX = -100_000, minY = -100_000, maxX = 100_000, maxY = 100_000;
        if (map.Beats.Count > 0)
        {
            var extent = new NetTopologySuite.Geometries.Envelope();
            foreach (var beat in map.Beats)
            {
                extent.ExpandToInclude(projection.Project(beat.Area).EnvelopeInternal);
            }

            (minX, minY, maxX, maxY) = (extent.MinX - 5_000, extent.MinY - 5_000, extent.MaxX + 5_000, extent.MaxY + 5_000);
        }

        var roads = map.Roads.Count > 0 ? RoadGraph.Build(map.Roads, projection) : null;
        var recommender = new Recommender(projection, new RecommenderOptions { StaleAfter = _options.StaleAfter }, roads);
        return (projection, new UnitPositionIndex(minX, minY, maxX, maxY), recommender);
    }

    private void RebuildGeography(MapSnapshot snapshot)
    {
        (_projection, _index, _recommender) = BuildGeography(snapshot);
        _scenes = new SceneDetector(_options.Scene);
        foreach (var incident in _open.Values)
        {
            var (x, y) = _projection.Project(incident.Longitude, incident.Latitude);
            _scenes.Open(incident.Id, x, y, incident.CreatedAt);
            foreach (var attendance in _attendances[incident.Id].Values)
            {
                RestoreScene(attendance);
            }
        }

        foreach (var unit in _units.Values)
        {
            if (unit.Position is { } fix)
            {
                (unit.X, unit.Y) = _projection.Project(fix.Longitude, fix.Latitude);
            }

            Refresh(unit);
        }
    }

    [LoggerMessage(EventId = 1720, Level = LogLevel.Information,
        Message = "Control room loaded: {Units} units, {Officers} officers, {Shifts} shifts near now, {Incidents} open incidents, {Alarms} open alarms")]
    private static partial void LogLoaded(ILogger logger, int units, int officers, int shifts, int incidents, int alarms);

    [LoggerMessage(EventId = 1721, Level = LogLevel.Warning, Message = "Cannot load the control room's state from the database; retrying in {Seconds} s")]
    private static partial void LogLoadRetry(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(EventId = 1722, Level = LogLevel.Error, Message = "A control-room request failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1723, Level = LogLevel.Warning,
        Message = "The control room is behind: dropped {Count} fixes (queue of {Capacity} batches full); they are stored, arrivals in them may be missed")]
    private static partial void LogFirstDrop(ILogger logger, int count, int capacity);
}
