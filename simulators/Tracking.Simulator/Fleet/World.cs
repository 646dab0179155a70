using Tracking.Simulator.Cad;

namespace Tracking.Simulator.Fleet;

/// <summary>
/// The simulated force and its command and control, stepped through simulated time by whoever owns the clock
/// (<see cref="AdvanceTo"/>): the demo in real time or faster, the backfill as fast as it can, tests one step at a time.
/// Each step raises the incidents due, runs the dispatcher's scheduled work, moves every unit and collects the devices'
/// reports, all as <see cref="WorldEvent"/>s. Nothing here reads a wall clock or sleeps, and every draw comes from
/// generators seeded by <see cref="WorldOptions.Seed"/>: the same seed, plan and start give the same events.
/// Not thread-safe: one caller steps it and delivers dispatches between steps.
/// </summary>
internal sealed class World
{
    private readonly WorldMap _map;
    private readonly WorldOptions _options;
    private readonly List<SimUnit> _units;
    private readonly Dictionary<string, SimUnit> _unitsById;
    private readonly Dictionary<string, SimIncident> _incidents = new(StringComparer.Ordinal);
    private readonly IncidentGenerator? _generator;
    private readonly Random _random;
    private readonly PriorityQueue<Action<List<WorldEvent>>, (DateTimeOffset At, long Order)> _scheduled = new();
    private readonly List<SimIncident> _raised = [];
    private long _order;

    public World(WorldMap map, FleetPlan plan, WorldOptions options, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        _map = map;
        _options = options;
        Plan = plan;
        Now = start;
        _random = new Random(unchecked((options.Seed * 7919) + 17));
        _units = plan.Units.Select((unit, i) => new SimUnit(unit, plan, map, unchecked((options.Seed * 1_000_003) + (i * 7_919) + 1), options.Devices)).ToList();
        _unitsById = _units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        InternalDispatch = options.InternalDispatch;
        if (options.Incidents)
        {
            var vehicles = plan.Units.Count(u => u.IsVehicle);
            var rate = options.IncidentsPerHour ?? Math.Max(1, (vehicles / 3.0) + (plan.Units.Count(u => !u.IsVehicle) / 10.0));
            _generator = new IncidentGenerator(new IncidentProfile(rate), map.Network, unchecked((options.Seed * 104_729) + 3), start);
            if (options.FirstIncidentAfter is { } first)
            {
                Schedule(start + first, events =>
                {
                    var type = IncidentCatalogue.Types.First(t => t.Grade == 1 && t.RequiredSkills.Count == 0);
                    Raise(_generator.Create(Now, type), events);
                });
            }
        }
    }

    public FleetPlan Plan { get; }

    public WorldMap Map => _map;

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<SimUnit> Units => _units;

    public IEnumerable<SimIncident> Incidents => _incidents.Values;

    /// <summary>Whether the world dispatches by itself, or raises <see cref="DispatchDue"/> for the runner.</summary>
    public bool InternalDispatch { get; set; }

    public SimUnit Unit(string id) => _unitsById[id];

    public SimIncident? Incident(string id) => _incidents.GetValueOrDefault(id);

    /// <summary>Steps the world up to <paramref name="target"/> (whole steps), adding what happened to <paramref name="events"/>.</summary>
    public void AdvanceTo(DateTimeOffset target, List<WorldEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        while (Now + _options.Step <= target)
        {
            Now += _options.Step;
            StepOnce(events);
        }
    }

    /// <summary>Raises an incident of <paramref name="type"/> now at <paramref name="road"/> (a test's or an operator's call).</summary>
    public SimIncident Raise(IncidentType type, RoadPosition road, List<WorldEvent> events)
    {
        var generator = _generator ?? throw new InvalidOperationException("Incidents are switched off in this world.");
        var incident = generator.Create(Now, type, road);
        Raise(incident, events);
        return incident;
    }

    /// <summary>
    /// An incident the world did not raise (a dispatcher created it on the server and sent one of our units): taken in at
    /// the nearest road point, with its grade and type, so the unit can drive there.
    /// </summary>
    public SimIncident Adopt(string id, int grade, string type, double longitude, double latitude)
    {
        if (_incidents.TryGetValue(id, out var known))
        {
            return known;
        }

        var road = _map.Network.SnapLonLat(longitude, latitude);
        var kind = IncidentCatalogue.Types.FirstOrDefault(t => t.Name == type)
            ?? new IncidentType(type, Math.Clamp(grade, 1, 3), 0, [], null, 20, 45);
        var incident = new SimIncident(id, kind, road, longitude, latitude, "reported to the server", Now);
        _incidents.Add(id, incident);
        return incident;
    }

    /// <summary>Sends a unit to an incident (a dispatch from the server, or the runner's choice); false when it cannot go.</summary>
    public bool Dispatch(string incidentId, string unitId, DispatchSource source, List<WorldEvent> events)
    {
        if (!_incidents.TryGetValue(incidentId, out var incident) || !incident.IsOpen || !_unitsById.TryGetValue(unitId, out var unit))
        {
            return false;
        }

        if (unit.Incident == incident)
        {
            incident.Assigned.Add(unitId); // a self-deployed unit that is now assigned too, or a dispatch sent to each of its devices
            return true;
        }

        return unit.Dispatch(incident, source, Now, this, events);
    }

    /// <summary>The simulated dispatcher's answer for an incident the server had no answer for: choose, send, or try again in a minute.</summary>
    public string? DispatchInternally(string incidentId, List<WorldEvent> events)
    {
        if (!_incidents.TryGetValue(incidentId, out var incident) || !incident.IsOpen)
        {
            return null;
        }

        if (Choose(incident) is { } unit && unit.Dispatch(incident, DispatchSource.Simulator, Now, this, events))
        {
            return unit.Id;
        }

        RetryLater(incident);
        return null;
    }

    /// <summary>The dispatcher could not send anyone now: ask again in a minute.</summary>
    public void RetryLater(SimIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        incident.DispatchAttempts++;
        Schedule(Now + TimeSpan.FromMinutes(1), events => DispatchDueNow(incident, events));
    }

    /// <summary>
    /// The nearest available unit by time to arrive that fits the incident (vehicle type, skills valid now); after five
    /// failed minutes any available unit will do. Foot officers are sent only within their beat or very near it.
    /// </summary>
    public SimUnit? Choose(SimIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var strict = incident.DispatchAttempts < 5;
        var (ix, iy) = _map.Network.PointAt(incident.Road);
        var candidates = _units
            .Where(u => u.IsAvailable(Now))
            .Where(u => !strict || incident.Type.VehicleType is not { } type || u.Plan.Type == type)
            .Where(u => !strict || HasSkills(u, incident.Type.RequiredSkills))
            .Where(u => u.Plan.IsVehicle || (u.Beat is { } beat && (beat.Contains(ix, iy) || Distance(u, ix, iy) < 600)))
            .OrderBy(u => Distance(u, ix, iy))
            .Take(8)
            .ToList();
        SimUnit? best = null;
        var bestTime = double.PositiveInfinity;
        foreach (var unit in candidates)
        {
            var time = unit.Road is { } road && _map.Network.Route(road, incident.Road, mayTurn: true) is { } legs
                ? _map.Network.Time(legs)
                : Distance(unit, ix, iy) / 1.4;
            if (time < bestTime)
            {
                bestTime = time;
                best = unit;
            }
        }

        return best;
    }

    /// <summary>A unit left an incident: close it once nobody is there and someone was sent (or it waited three hours).</summary>
    public static void Cleared(SimIncident incident, DateTimeOffset now, List<WorldEvent> events)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.IsOpen && incident.Attending.Count == 0 && (incident.Assigned.Count > 0 || now - incident.CreatedAt > TimeSpan.FromHours(3)))
        {
            incident.ClosedAt = now;
            events.Add(new IncidentClosed(now, incident));
        }
    }

    private void StepOnce(List<WorldEvent> events)
    {
        while (_scheduled.TryPeek(out _, out var due) && due.At <= Now)
        {
            _scheduled.Dequeue()(events);
        }

        if (_generator is not null)
        {
            _raised.Clear();
            _generator.RaiseUntil(Now, _raised);
            foreach (var incident in _raised)
            {
                Raise(incident, events);
            }

            MaybeEmergency(events);
        }

        foreach (var unit in _units)
        {
            unit.Step(Now, _options.Step, this, events);
        }

        foreach (var unit in _units)
        {
            unit.Report(Now, events);
        }
    }

    private void Raise(SimIncident incident, List<WorldEvent> events)
    {
        _incidents.Add(incident.Id, incident);
        events.Add(new IncidentRaised(Now, incident));

        // Grade 1 is sent within a minute, grade 2 within minutes, grade 3 is booked for later.
        var delay = incident.Grade switch
        {
            1 => TimeSpan.FromSeconds(15 + _random.Next(45)),
            2 => TimeSpan.FromSeconds(90 + _random.Next(300)),
            _ => TimeSpan.FromMinutes(10 + _random.Next(30)),
        };
        Schedule(Now + delay, e => DispatchDueNow(incident, e));

        // Nobody could be sent for three hours: resolved by phone, closed.
        Schedule(Now + TimeSpan.FromHours(3), e => Cleared(incident, Now, e));

        if (incident.Grade <= 2 && _random.NextDouble() < _options.SelfDeployChance)
        {
            var (ix, iy) = _map.Network.PointAt(incident.Road);
            var nearby = _units.Where(u => u.Plan.IsVehicle && u.IsAvailable(Now) && Distance(u, ix, iy) < _options.SelfDeployMetres)
                .OrderBy(u => Distance(u, ix, iy)).FirstOrDefault();
            nearby?.Dispatch(incident, DispatchSource.SelfDeployed, Now, this, events);
        }
    }

    private void DispatchDueNow(SimIncident incident, List<WorldEvent> events)
    {
        if (!incident.IsOpen || incident.Assigned.Count > 0)
        {
            return;
        }

        if (InternalDispatch)
        {
            DispatchInternally(incident.Id, events);
        }
        else
        {
            events.Add(new DispatchDue(Now, incident));
        }
    }

    private void MaybeEmergency(List<WorldEvent> events)
    {
        if (_options.EmergenciesPerHour <= 0 || _random.NextDouble() >= _options.EmergenciesPerHour * _options.Step.TotalHours)
        {
            return;
        }

        var free = _units.Where(u => u.IsAvailable(Now)).ToList();
        if (free.Count == 0)
        {
            return;
        }

        var unit = free[_random.Next(free.Count)];
        if (unit.PressEmergency(Now, events) is null)
        {
            return;
        }

        // The control room raises a grade 1 for back-up at the officer's position a few seconds later.
        var place = unit.Road ?? _map.Network.Snap(unit.X, unit.Y);
        Schedule(Now + TimeSpan.FromSeconds(10), e => Raise(_generator!.Create(Now, IncidentCatalogue.Emergency, place), e));
    }

    private bool HasSkills(SimUnit unit, IReadOnlyList<string> skills)
    {
        if (skills.Count == 0)
        {
            return true;
        }

        var crew = unit.Shift!.Officers.Select(Plan.Officer).ToList();
        return skills.All(skill => crew.Any(o => o.Accreditations.Any(a => a.Skill == skill && (a.Expires is null || a.Expires > Now))));
    }

    private void Schedule(DateTimeOffset at, Action<List<WorldEvent>> action) => _scheduled.Enqueue(action, (at, _order++));

    private static double Distance(SimUnit unit, double x, double y) =>
        Math.Sqrt(((unit.X - x) * (unit.X - x)) + ((unit.Y - y) * (unit.Y - y)));
}
