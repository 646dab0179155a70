using System.Collections.Concurrent;
using System.Globalization;
using Spectre.Console;
using Tracking.Simulator.Cad;
using Tracking.Simulator.Fleet;
using Tracking.Simulator.Protocols;
using Tracking.Simulator.Transport;

namespace Tracking.Simulator.Demo;

/// <summary>
/// The demo against a running server. At start it imports the fleet's reference data (officers, accreditations, units,
/// devices, shifts) through the command-and-control API; a server without it (404) gets one warning and positions only,
/// the simulator then dispatching by itself. Then it steps the <see cref="World"/> on a <see cref="SimulationClock"/>:
/// every device publishes on its own MQTT connection (OsmAnd phones over HTTP), units send their status, incidents are
/// posted, and for each one the simulated dispatcher asks the server for recommendations and assigns the first; the unit
/// goes when the server's dispatch reaches one of its devices. One loop owns the world: MQTT callbacks and API answers
/// reach it through a queue. Not thread-safe: one run per instance.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The OsmAnd sender and the device links live for one run and are disposed at its end (FinishAsync).")]
internal sealed class DemoRunner(DemoOptions options, IAnsiConsole console, TimeProvider wall, HttpMessageHandler? handler = null)
{
    private readonly TransportCounters _counters = new();
    private readonly Dictionary<string, DeviceLink> _links = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Action> _inbox = new();
    private readonly Dictionary<(string Incident, string Unit), DateTimeOffset> _awaitingDispatch = [];

    // The server publishes the dispatch before it answers the assignment, so the dispatch can come first.
    private readonly HashSet<(string Incident, string Unit)> _dispatchReceived = [];
    private readonly Dictionary<string, Task> _posts = new(StringComparer.Ordinal);
    private readonly List<Task> _calls = [];
    private readonly List<WorldEvent> _events = [];
    private World _world = null!;
    private CadApiClient? _api;
    private OsmAndSender? _osmAnd;
    private bool _cad;
    private bool _warnedNoDispatch;
    private int _raised;
    private int _closed;
    private int _byServer;
    private int _bySimulator;
    private int _selfDeployed;
    private int _arrivals;
    private int _emergencies;
    private int _notReceived;

    /// <summary>Units sent to incidents because the server's dispatch reached them, so far; readable from any thread.</summary>
    public int SentByServer => Volatile.Read(ref _byServer);

    /// <summary>Dispatch messages received from the server so far; readable from any thread.</summary>
    public long DispatchesReceived => _counters.DispatchesReceived;

    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var map = WorldMap.Load(options.MapDirectory);
        var clock = new SimulationClock(wall, options.Speed, options.Lead);
        var horizon = TimeSpan.FromDays(7) + options.Lead;
        var plan = FleetBuilder.Build(map.Map, map.Beats, new FleetOptions(options.Vehicles, options.Foot, options.Seed, clock.Start, clock.Start + horizon));
        PrintFleet(map, plan, clock);

        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(15);
        if (options.Api is { } api)
        {
            http.BaseAddress = api;
            if (options.ApiToken is { } token)
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            _api = new CadApiClient(http);
            _cad = await ImportAsync(plan, cancellationToken);
        }

        if (options.OsmAnd is { } osmAnd)
        {
            _osmAnd = new OsmAndSender(osmAnd, _counters, handler);
        }

        _world = new World(map, plan, new WorldOptions
        {
            Seed = options.Seed,
            InternalDispatch = !_cad,
            IncidentsPerHour = options.IncidentsPerHour,
            EmergenciesPerHour = options.EmergenciesPerHour,
            FirstIncidentAfter = options.FirstIncidentAfter,
        }, clock.Start);

        var started = wall.GetTimestamp();
        var nextStatus = wall.GetUtcNow() + options.StatusEvery;
        while (!cancellationToken.IsCancellationRequested && (options.Duration is not { } duration || wall.GetElapsedTime(started) < duration))
        {
            while (_inbox.TryDequeue(out var action))
            {
                action();
            }

            _world.AdvanceTo(clock.Now, _events);
            Handle(clock.IsBehind, cancellationToken);
            SendOverdueDispatches();
            if (wall.GetUtcNow() >= nextStatus)
            {
                nextStatus = wall.GetUtcNow() + options.StatusEvery;
                PrintStatus();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), wall, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await FinishAsync();
        var summary = Summary();
        PrintSummary(summary);
        return summary;
    }

    private async Task<bool> ImportAsync(FleetPlan plan, CancellationToken cancellationToken)
    {
        foreach (var (path, rows, count) in ReferenceData.Imports(plan))
        {
            var result = await _api!.ImportAsync(path, rows, cancellationToken);
            switch (result.Status)
            {
                case ApiStatus.Ok:
                    console.MarkupLine(CultureInfo.InvariantCulture, "[green]imported[/] {0}: {1} created, {2} updated", Markup.Escape(path), result.Value?.Created ?? 0, result.Value?.Updated ?? 0);
                    break;
                case ApiStatus.NotFound:
                    console.MarkupLine(CultureInfo.InvariantCulture,
                        "[yellow]warning:[/] the server at {0} has no command-and-control API (POST /{1} answered 404): the fleet reports positions only, and the simulator dispatches its own units.",
                        Markup.Escape(options.Api!.ToString()), Markup.Escape(path));
                    return false;
                case ApiStatus.Refused:
                    console.MarkupLine(CultureInfo.InvariantCulture, "[red]refused[/] {0} ({1} rows): {2}", Markup.Escape(path), count, Markup.Escape(result.Detail ?? ""));
                    break;
                default:
                    console.MarkupLine(CultureInfo.InvariantCulture, "[yellow]warning:[/] {0} failed ({1}): positions only.", Markup.Escape(path), Markup.Escape(result.Detail ?? ""));
                    return false;
            }
        }

        return true;
    }

    private void Handle(bool late, CancellationToken cancellationToken)
    {
        // Index loop: handling an event may add more (an internal dispatch), handled in the same pass.
        for (var i = 0; i < _events.Count; i++)
        {
            switch (_events[i])
            {
                case PositionReport report:
                    foreach (var message in ReportEncoder.Encode(report, late))
                    {
                        if (message.IsHttp)
                        {
                            if (_osmAnd is { } sender)
                            {
                                sender.Enqueue(message);
                            }
                        }
                        else
                        {
                            Link(message.DeviceId).Enqueue(message);
                        }
                    }

                    break;
                case UnitStatusReport status:
                    Link(status.DeviceId).EnqueueStatus(new StatusMessage(status.Status, status.Reason, status.At));
                    break;
                case IncidentRaised raised:
                    _raised++;
                    PrintIncident(raised.Incident);
                    if (_cad)
                    {
                        _posts[raised.Incident.Id] = Track(PostIncidentAsync(raised.Incident, cancellationToken));
                    }

                    break;
                case DispatchDue due:
                    if (_cad)
                    {
                        Track(RecommendAndAssignAsync(due.Incident, cancellationToken));
                    }
                    else
                    {
                        _world.DispatchInternally(due.Incident.Id, _events);
                    }

                    break;
                case UnitDispatched dispatched:
                    switch (dispatched.Source)
                    {
                        case DispatchSource.Server:
                            Interlocked.Increment(ref _byServer);
                            break;
                        case DispatchSource.Simulator:
                            _bySimulator++;
                            break;
                        default:
                            _selfDeployed++;
                            break;
                    }

                    console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0:HH:mm:ss}[/]   → {1} {2} ({3})", dispatched.At, Markup.Escape(dispatched.UnitId), Markup.Escape(dispatched.Incident.Id),
                        dispatched.Source switch { DispatchSource.Server => "sent by the server", DispatchSource.Simulator => "sent by the simulated dispatcher", _ => "self-deployed" });
                    break;
                case UnitArrived arrived:
                    _arrivals++;
                    console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0:HH:mm:ss}[/]   [green]✓[/] {1} at scene of {2}, {3:F0} min after the call", arrived.At, Markup.Escape(arrived.UnitId), Markup.Escape(arrived.Incident.Id), (arrived.At - arrived.Incident.CreatedAt).TotalMinutes);
                    break;
                case IncidentClosed closed:
                    _closed++;
                    if (_cad)
                    {
                        Track(CloseIncidentAsync(closed.Incident, cancellationToken));
                    }

                    break;
                case EmergencyPressed emergency:
                    _emergencies++;
                    console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0:HH:mm:ss}[/] [white on red] EMERGENCY [/] radio {1} ({2}, officer {3})", emergency.At, Markup.Escape(emergency.RadioId), Markup.Escape(emergency.UnitId), Markup.Escape(emergency.OfficerId));
                    break;
                default:
                    break;
            }
        }

        _events.Clear();
    }

    private async Task PostIncidentAsync(SimIncident incident, CancellationToken cancellationToken)
    {
        var result = await _api!.PostIncidentAsync(IncidentMessage.From(incident), cancellationToken);
        if (result.Status == ApiStatus.NotFound)
        {
            _inbox.Enqueue(() => NoCommandAndControl("POST /api/incidents answered 404"));
        }
        else if (!result.IsOk)
        {
            _inbox.Enqueue(() => console.MarkupLine(CultureInfo.InvariantCulture, "[yellow]incident {0} not accepted:[/] {1}", Markup.Escape(incident.Id), Markup.Escape(result.Detail ?? "")));
        }
    }

    private async Task RecommendAndAssignAsync(SimIncident incident, CancellationToken cancellationToken)
    {
        if (_posts.TryGetValue(incident.Id, out var posted))
        {
            await posted; // the server must know the incident before it can recommend for it
        }

        var recommended = await _api!.RecommendAsync(incident.Id, 5, cancellationToken);
        var unit = recommended.Value?.Units is { Count: > 0 } units ? units[0].Unit : null;
        if (unit is null)
        {
            // No recommendation (every unit busy or stale, or no such endpoint): the simulated dispatcher chooses.
            _inbox.Enqueue(() => DispatchInternally(incident, tellServer: recommended.IsOk, cancellationToken));
            return;
        }

        var assigned = await _api.AssignAsync(incident.Id, unit, cancellationToken);
        if (assigned.IsOk)
        {
            _inbox.Enqueue(() =>
            {
                if (!_dispatchReceived.Contains((incident.Id, unit)))
                {
                    _awaitingDispatch[(incident.Id, unit)] = wall.GetUtcNow() + options.DispatchGrace;
                }
            });
        }
        else
        {
            _inbox.Enqueue(() => DispatchInternally(incident, tellServer: false, cancellationToken));
        }
    }

    private void DispatchInternally(SimIncident incident, bool tellServer, CancellationToken cancellationToken)
    {
        if (_world.DispatchInternally(incident.Id, _events) is { } unit && tellServer && _cad)
        {
            Track(_api!.AssignAsync(incident.Id, unit, cancellationToken));
        }
    }

    private async Task CloseIncidentAsync(SimIncident incident, CancellationToken cancellationToken)
    {
        if (_posts.TryGetValue(incident.Id, out var posted))
        {
            await posted;
        }

        await _api!.PutIncidentAsync(IncidentMessage.From(incident), cancellationToken);
    }

    /// <summary>
    /// A dispatch from the server reached one of the unit's devices (on an MQTT thread): applied by the loop. Every device
    /// of the unit gets it; the world sends the unit once whichever device it came through.
    /// </summary>
    private void OnDispatch(string deviceId, DispatchMessage dispatch) => _inbox.Enqueue(() =>
    {
        if (_world.Incident(dispatch.Incident) is null)
        {
            _world.Adopt(dispatch.Incident, dispatch.Grade, dispatch.Type, dispatch.Location.Longitude, dispatch.Location.Latitude);
        }

        _awaitingDispatch.Remove((dispatch.Incident, dispatch.Unit));
        _dispatchReceived.Add((dispatch.Incident, dispatch.Unit));
        _world.Dispatch(dispatch.Incident, dispatch.Unit, DispatchSource.Server, _events);
    });

    private void SendOverdueDispatches()
    {
        var now = wall.GetUtcNow();
        foreach (var ((incident, unit), deadline) in _awaitingDispatch.Where(entry => entry.Value <= now).ToList())
        {
            _awaitingDispatch.Remove((incident, unit));
            _notReceived++;
            if (!_warnedNoDispatch)
            {
                _warnedNoDispatch = true;
                console.MarkupLine(CultureInfo.InvariantCulture,
                    "[yellow]warning:[/] the server accepted the assignment of {0} to {1} but no dispatch reached the unit's devices on tracking/{{deviceId}}/dispatch within {2:F0} s; the simulator sends its units itself when that happens.",
                    Markup.Escape(unit), Markup.Escape(incident), options.DispatchGrace.TotalSeconds);
            }

            _world.Dispatch(incident, unit, DispatchSource.Simulator, _events);
        }
    }

    private void NoCommandAndControl(string why)
    {
        if (!_cad)
        {
            return;
        }

        _cad = false;
        _world.InternalDispatch = true;
        console.MarkupLine(CultureInfo.InvariantCulture, "[yellow]warning:[/] {0}: the simulator dispatches its own units from now on.", Markup.Escape(why));
    }

    private DeviceLink Link(string deviceId)
    {
        if (!_links.TryGetValue(deviceId, out var link))
        {
            link = new DeviceLink(deviceId, options.Host, options.Port, options.Qos, _counters, OnDispatch);
            _links.Add(deviceId, link);
        }

        return link;
    }

    private Task Track(Task task)
    {
        _calls.RemoveAll(t => t.IsCompleted);
        _calls.Add(task);
        return task;
    }

    private async Task FinishAsync()
    {
        // Let the queues drain for a moment, then close every connection politely.
        var deadline = wall.GetUtcNow() + TimeSpan.FromSeconds(3);
        while (wall.GetUtcNow() < deadline && _calls.Any(t => !t.IsCompleted))
        {
            await Task.Delay(100, CancellationToken.None);
        }

        await Task.WhenAll(_links.Values.Select(link => link.DisposeAsync().AsTask()));
        if (_osmAnd is not null)
        {
            await _osmAnd.DisposeAsync();
        }
    }

    private DemoSummary Summary()
    {
        var protocols = Enum.GetValues<DeviceProtocol>();
        return new DemoSummary(
            protocols.ToDictionary(p => p, _counters.SentBy),
            protocols.ToDictionary(p => p, _counters.FailedBy),
            _counters.Statuses,
            _counters.StatusesFailed,
            _counters.DroppedMessages,
            _links.Count,
            _raised,
            _closed,
            _byServer,
            _bySimulator,
            _selfDeployed,
            _arrivals,
            _emergencies,
            _counters.DispatchesReceived,
            _notReceived,
            _cad);
    }

    private void PrintFleet(WorldMap map, FleetPlan plan, SimulationClock clock)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(map.Map.Name)}[/]: seed {options.Seed}").AddColumn("units").AddColumn("devices");
        var units = string.Join("\n", plan.Units.GroupBy(u => u.Type).Select(g => $"{g.Count()} {CadJson.Name(g.Key)}"));
        var devices = string.Join("\n", plan.Devices.GroupBy(d => d.Protocol).Select(g => $"{g.Count()} {g.Key}"));
        table.AddRow(Markup.Escape(units), Markup.Escape(devices));
        console.Write(table);
        console.MarkupLine(CultureInfo.InvariantCulture, "{0} officers, {1} shifts; MQTT {2}:{3}, API {4}, OsmAnd {5}; simulated time from {6:yyyy-MM-dd HH:mm:ss}Z at ×{7}",
            plan.Officers.Count, plan.Shifts.Count, Markup.Escape(options.Host), options.Port, Markup.Escape(options.Api?.ToString() ?? "none"),
            Markup.Escape(options.OsmAnd?.ToString() ?? "none"), clock.Start.UtcDateTime, options.Speed);
    }

    private void PrintIncident(SimIncident incident)
    {
        var colour = incident.Grade switch { 1 => "red", 2 => "yellow", _ => "blue" };
        console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0:HH:mm:ss}[/] [{1}]G{2}[/] {3} {4}, {5}", incident.CreatedAt, colour, incident.Grade,
            Markup.Escape(incident.Id), Markup.Escape(incident.Type.Name), Markup.Escape(incident.Address));
    }

    private void PrintStatus()
    {
        var onDuty = _world.Units.Count(u => u.Activity != UnitActivity.OffDuty);
        var busy = _world.Units.Count(u => u.Activity is UnitActivity.Responding or UnitActivity.AtScene);
        var open = _world.Incidents.Count(i => i.IsOpen);
        var sent = string.Join(", ", Enum.GetValues<DeviceProtocol>().Select(p => $"{p} {_counters.SentBy(p)}"));
        console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0:HH:mm:ss} {1} units on duty, {2} busy; sent {3}; {4} failed; {5} incidents open, {6} closed[/]",
            _world.Now, onDuty, busy, Markup.Escape(sent), _counters.TotalFailed, open, _closed);
    }

    private void PrintSummary(DemoSummary summary)
    {
        var table = new Table().Title("[bold]demo summary[/]").AddColumn("protocol").AddColumn("sent", c => c.RightAligned()).AddColumn("failed", c => c.RightAligned());
        foreach (var protocol in Enum.GetValues<DeviceProtocol>())
        {
            table.AddRow(protocol.ToString(), summary.Sent[protocol].ToString(CultureInfo.InvariantCulture), summary.Failed[protocol].ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("status messages", summary.Statuses.ToString(CultureInfo.InvariantCulture), summary.StatusesFailed.ToString(CultureInfo.InvariantCulture));
        table.AddRow("dropped (queue full)", "", summary.Dropped.ToString(CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLine(CultureInfo.InvariantCulture,
            "{0} incidents raised, {1} closed; units sent by the server {2}, by the simulated dispatcher {3}, self-deployed {4}; {5} arrivals; {6} emergencies; {7} dispatch messages received, {8} expected but not received; {9} device connections; command and control on the server: {10}",
            summary.IncidentsRaised, summary.IncidentsClosed, summary.SentByServer, summary.SentBySimulator, summary.SelfDeployed, summary.Arrivals, summary.Emergencies,
            summary.DispatchesReceived, summary.DispatchesNotReceived, summary.Connections, summary.CommandAndControl ? "yes" : "no");
    }
}
