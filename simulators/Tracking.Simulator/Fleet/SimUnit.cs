using Tracking.Simulator.Cad;

namespace Tracking.Simulator.Fleet;

/// <summary>
/// One unit in the simulated world. Vehicles drive the road graph at road-class speeds (every edge in its own
/// direction), patrolling between priority locations and other places near their station, lingering at each; foot
/// officers walk the streets of their beat (or across it, where it has too few) and stop at its priority locations.
/// Crews come on duty by the rota, take a refreshment break mid-shift, answer dispatches (drive there, stay at scene,
/// clear) and go back to the station at the end of their shift, where the next crew takes over the vehicle.
/// Every random draw comes from the unit's own seeded <see cref="Random"/>. Not thread-safe: owned by the world's step.
/// </summary>
internal sealed class SimUnit
{
    private const double WalkingSpeed = 1.35;
    private const double HurryingSpeed = 2.2;

    private readonly WorldMap _map;
    private readonly FleetPlan _plan;
    private readonly Random _random;
    private readonly Queue<ShiftPlan> _shifts;
    private readonly Dictionary<string, SimDevice> _devices = new(StringComparer.Ordinal);
    private readonly List<SimDevice> _on = [];
    private readonly int _seed;
    private readonly DeviceBehaviour _behaviour;
    private PathFollower? _path;
    private PathFollower? _suspended;
    private DateTimeOffset _until;
    private DateTimeOffset _refreshmentAt = DateTimeOffset.MaxValue;
    private double _heading;
    private int _node = -1;
    private bool _atNode;
    private bool _started;

    public SimUnit(UnitPlan plan, FleetPlan fleet, WorldMap map, int seed, DeviceBehaviour behaviour)
    {
        Plan = plan;
        _plan = fleet;
        _map = map;
        _seed = seed;
        _behaviour = behaviour;
        _random = new Random(seed);
        Beat = plan.BeatId is { } beat ? map.Beat(beat) : null;
        _shifts = new Queue<ShiftPlan>(fleet.Shifts.Where(s => s.Unit == plan.Id).OrderBy(s => s.Start));
        (X, Y, Road) = Home();
        if (Beat is { HasStreets: true } area)
        {
            _node = area.NearestNode(map.Network, X, Y);
            _atNode = true;
        }
    }

    public UnitPlan Plan { get; }

    public string Id => Plan.Id;

    public BeatArea? Beat { get; }

    public UnitActivity Activity { get; private set; } = UnitActivity.OffDuty;

    public ShiftPlan? Shift { get; private set; }

    public double X { get; private set; }

    public double Y { get; private set; }

    /// <summary>Where a vehicle is on the road graph (null for foot officers).</summary>
    public RoadPosition? Road { get; private set; }

    public SimIncident? Incident { get; private set; }

    public bool SelfDeployed { get; private set; }

    public IEnumerable<SimDevice> DevicesOn => _on;

    /// <summary>The device that sends the unit's status: the vehicle's tracker, else the phone, else the first radio.</summary>
    public string? StatusDevice =>
        Plan.Vehicle?.Id
        ?? (Plan.Phone is { Protocol: not Protocols.DeviceProtocol.OsmAnd } phone ? phone.Id : null)
        ?? Shift?.Officers.Select(o => _plan.Officer(o).Radio).FirstOrDefault();

    /// <summary>On duty, free and not on a break: the dispatcher may send it.</summary>
    public bool IsAvailable(DateTimeOffset now) =>
        Activity is UnitActivity.Patrolling or UnitActivity.Lingering && Shift is { } shift && now < shift.End;

    public TruthPoint Truth
    {
        get
        {
            var edge = _path is { Finished: false } path ? path.Current.Edge : Road?.Edge ?? -1;
            return new TruthPoint(X, Y, edge, _path is { Finished: false } p ? p.Speed : 0, _heading, Activity);
        }
    }

    /// <summary>Moves the unit on by one step to <paramref name="now"/> and lets it decide what to do next.</summary>
    public void Step(DateTimeOffset now, TimeSpan step, World world, List<WorldEvent> events)
    {
        if (Activity == UnitActivity.OffDuty)
        {
            while (_shifts.TryPeek(out var next) && next.End <= now)
            {
                _shifts.Dequeue(); // missed entirely (the world started after it)
            }

            if (_shifts.TryPeek(out var due) && due.Start <= now)
            {
                StartShift(_shifts.Dequeue(), now, events);
            }

            return;
        }

        if (_path is { } path)
        {
            path.Advance(step.TotalSeconds);
            Place(path);
            if (path.Finished)
            {
                _path = null;
                Arrived(now, events);
            }
        }
        else if (now >= _until)
        {
            TimeUp(now, world, events);
        }
    }

    /// <summary>The reports of every switched-on device that are due.</summary>
    public void Report(DateTimeOffset now, List<WorldEvent> events)
    {
        var truth = Truth;
        foreach (var device in _on)
        {
            device.Report(now, Id, truth, _map.Network.Projection, events);
        }
    }

    /// <summary>Sends the unit to an incident; false when it is off duty.</summary>
    public bool Dispatch(SimIncident incident, DispatchSource source, DateTimeOffset now, World world, List<WorldEvent> events)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (Activity is UnitActivity.OffDuty || Shift is null)
        {
            return false;
        }

        if (Incident is { } previous && previous != incident)
        {
            previous.Attending.Remove(Id);
            World.Cleared(previous, now, events);
        }

        Incident = incident;
        SelfDeployed = source == DispatchSource.SelfDeployed;
        incident.Attending.Add(Id);
        if (source != DispatchSource.SelfDeployed)
        {
            incident.Assigned.Add(Id);
        }

        _suspended = null;
        _atNode = false;
        var factor = incident.Grade switch { 1 => 1.3, 2 => 1.1, _ => 0.95 };
        if (Plan.IsVehicle)
        {
            DriveTo(incident.Road, factor);
        }
        else
        {
            var (x, y) = _map.Network.PointAt(incident.Road);
            _path = new PathFollower(Paths.Walk([(X, Y), (x, y)], incident.Grade == 1 ? HurryingSpeed : WalkingSpeed));
        }

        Activity = UnitActivity.Responding;
        events.Add(new UnitDispatched(now, Id, incident, source));
        if (_path is null || _path.Finished)
        {
            _path = null;
            Arrived(now, events);
        }

        return true;
    }

    /// <summary>An officer of the unit presses the emergency button: the unit stops, the radio reports at once.</summary>
    public string? PressEmergency(DateTimeOffset now, List<WorldEvent> events)
    {
        var radios = _on.Where(d => d.Plan.Kind == DeviceKind.AirwaveRadio).ToList();
        if (radios.Count == 0 || Shift is null)
        {
            return null;
        }

        var radio = radios[_random.Next(radios.Count)];
        Stop();
        Activity = UnitActivity.Emergency;
        _until = now + TimeSpan.FromMinutes(15 + _random.Next(15));
        radio.Emergency(now, Id, Truth, _map.Network.Projection, events);
        var officer = _plan.Officers.First(o => o.Radio == radio.Plan.Id);
        events.Add(new EmergencyPressed(now, Id, officer.Id, radio.Plan.Id));
        return radio.Plan.Id;
    }

    private void StartShift(ShiftPlan shift, DateTimeOffset now, List<WorldEvent> events)
    {
        Shift = shift;
        if (!_started && now - shift.Start > TimeSpan.FromMinutes(10))
        {
            // The world starts mid-shift: the crew is already out, somewhere on its patrol.
            Scatter();
        }

        _started = true;

        foreach (var device in ShiftDevices(shift))
        {
            device.SwitchOn(now);
            _on.Add(device);
        }

        _refreshmentAt = shift.Start + TimeSpan.FromHours(3.5 + (_random.NextDouble() * 1.5));
        events.Add(new ShiftChanged(now, Id, shift, Started: true));
        if (StatusDevice is { } status)
        {
            events.Add(new UnitStatusReport(now, Id, status, "available", null));
        }

        Patrol(now);
    }

    private IEnumerable<SimDevice> ShiftDevices(ShiftPlan shift)
    {
        if (Plan.Vehicle is { } tracker)
        {
            yield return Device(tracker);
        }

        if (Plan.Phone is { } phone)
        {
            yield return Device(phone);
        }

        foreach (var officer in shift.Officers)
        {
            yield return Device(_plan.Device(_plan.Officer(officer).Radio));
        }
    }

    private SimDevice Device(DevicePlan plan)
    {
        if (!_devices.TryGetValue(plan.Id, out var device))
        {
            // Each device its own stream of draws, fixed by the unit's seed and the device's place in the unit.
            device = new SimDevice(plan, unchecked((_seed * 31) + _devices.Count + 1), _behaviour);
            _devices.Add(plan.Id, device);
        }

        return device;
    }

    private void EndShift(DateTimeOffset now, List<WorldEvent> events)
    {
        foreach (var device in _on)
        {
            device.SwitchOff();
        }

        _on.Clear();
        events.Add(new ShiftChanged(now, Id, Shift!, Started: false));
        Shift = null;
        Activity = UnitActivity.OffDuty;
        Stop();
    }

    private void Arrived(DateTimeOffset now, List<WorldEvent> events)
    {
        switch (Activity)
        {
            case UnitActivity.Patrolling:
                Activity = UnitActivity.Lingering;
                _until = now + Linger();
                break;
            case UnitActivity.Responding:
                Activity = UnitActivity.AtScene;
                var type = Incident!.Type;
                _until = now + TimeSpan.FromMinutes(type.MinSceneMinutes + (_random.NextDouble() * (type.MaxSceneMinutes - type.MinSceneMinutes)));
                events.Add(new UnitArrived(now, Id, Incident, SelfDeployed));
                break;
            case UnitActivity.Refreshment:
                _until = now + TimeSpan.FromMinutes(30 + _random.Next(16));
                break;
            case UnitActivity.ReturningToStation:
                EndShift(now, events);
                break;
            default:
                // Back on the beat after an incident elsewhere.
                Activity = UnitActivity.Lingering;
                _until = now + TimeSpan.FromMinutes(1);
                break;
        }
    }

    private void TimeUp(DateTimeOffset now, World world, List<WorldEvent> events)
    {
        switch (Activity)
        {
            case UnitActivity.AtScene:
                var incident = Incident!;
                incident.Attending.Remove(Id);
                Incident = null;
                SelfDeployed = false;
                if (StatusDevice is { } device)
                {
                    events.Add(new UnitStatusReport(now, Id, device, "available", null));
                }

                World.Cleared(incident, now, events);
                Next(now, events);
                break;
            case UnitActivity.Refreshment:
            case UnitActivity.Emergency:
                if (StatusDevice is { } status)
                {
                    events.Add(new UnitStatusReport(now, Id, status, "available", null));
                }

                Next(now, events);
                break;
            default:
                Next(now, events);
                break;
        }
    }

    /// <summary>What a free unit does next: go home at the end of the shift, take its break when due, else patrol on.</summary>
    private void Next(DateTimeOffset now, List<WorldEvent> events)
    {
        if (Shift is { } shift && now >= shift.End)
        {
            GoHome(now, events);
        }
        else if (now >= _refreshmentAt)
        {
            _refreshmentAt = DateTimeOffset.MaxValue;
            Activity = UnitActivity.Refreshment;
            if (StatusDevice is { } status)
            {
                events.Add(new UnitStatusReport(now, Id, status, "unavailable", "refreshments"));
            }

            if (Plan.IsVehicle)
            {
                DriveTo(_map.StationRoads[Plan.Station], 0.9);
            }

            if (_path is null || _path.Finished)
            {
                _path = null;
                // Foot officers take their break where they are (a café on the beat); so does a vehicle already at the station.
                _until = now + TimeSpan.FromMinutes(30 + _random.Next(16));
            }
        }
        else
        {
            Patrol(now);
        }
    }

    private void GoHome(DateTimeOffset now, List<WorldEvent> events)
    {
        Activity = UnitActivity.ReturningToStation;
        if (Plan.IsVehicle)
        {
            DriveTo(_map.StationRoads[Plan.Station], 0.9);
        }
        else
        {
            var (x, y, _) = Home();
            _path = Beat is { HasStreets: true } area && _atNode
                ? new PathFollower(area.WalkStreets(_map.Network, _node, area.NearestNode(_map.Network, x, y), WalkingSpeed))
                : new PathFollower(Paths.Walk([(X, Y), (x, y)], WalkingSpeed));
        }

        if (_path is null || _path.Finished)
        {
            _path = null;
            EndShift(now, events);
        }
    }

    private void Patrol(DateTimeOffset now)
    {
        Activity = UnitActivity.Patrolling;
        if (_suspended is { Finished: false } suspended)
        {
            _path = suspended;
            _suspended = null;
            return;
        }

        _suspended = null;
        if (Plan.IsVehicle)
        {
            var near = _map.LocationRoads.Where(l => Distance(l.Road) < 6_000).ToList();
            var target = near.Count > 0 && _random.NextDouble() < 0.55
                ? near[_random.Next(near.Count)].Road
                : RandomRoadNear(5_000);
            DriveTo(target, 0.75 + (_random.NextDouble() * 0.2));
        }
        else
        {
            WalkOnBeat();
        }

        if (_path is null || _path.Finished)
        {
            _path = null;
            Activity = UnitActivity.Lingering;
            _until = now + TimeSpan.FromMinutes(1);
        }
    }

    private void WalkOnBeat()
    {
        var beat = Beat!;
        var speed = WalkingSpeed * (0.9 + (_random.NextDouble() * 0.2));
        if (beat.HasStreets ? !_atNode : !beat.Contains(X, Y))
        {
            // Back from an incident: walk straight to the nearest street node, or into the beat, then patrol on.
            Activity = UnitActivity.RejoiningBeat;
            (double X, double Y) target;
            if (beat.HasStreets)
            {
                _node = beat.NearestNode(_map.Network, X, Y);
                _atNode = true;
                target = (_map.Network.Graph.NodeX(_node), _map.Network.Graph.NodeY(_node));
            }
            else
            {
                target = beat.RandomPoint(_random);
            }

            _path = new PathFollower(Paths.Walk([(X, Y), target], speed));
            return;
        }

        if (beat.HasStreets)
        {
            int to;
            if (beat.Locations.Count > 0 && _random.NextDouble() < 0.5)
            {
                var (lx, ly) = beat.Locations[_random.Next(beat.Locations.Count)];
                to = beat.NearestNode(_map.Network, lx, ly);
            }
            else
            {
                to = beat.Nodes[_random.Next(beat.Nodes.Count)];
            }

            _path = new PathFollower(beat.WalkStreets(_map.Network, _node, to, speed));
            _node = to;
            return;
        }

        for (var attempt = 0; attempt < 20; attempt++)
        {
            var (x, y) = beat.Locations.Count > 0 && _random.NextDouble() < 0.5
                ? beat.Locations[_random.Next(beat.Locations.Count)]
                : beat.RandomPoint(_random);
            if (beat.Covers(X, Y, x, y))
            {
                _path = new PathFollower(Paths.Walk([(X, Y), (x, y)], speed));
                return;
            }
        }
    }

    private TimeSpan Linger()
    {
        // Longer at a priority location (a visit), shorter elsewhere; foot officers stop longer than drivers.
        var atLocation = Plan.IsVehicle
            ? _map.LocationRoads.Any(l => Distance(l.Road) < 60)
            : Beat!.Locations.Any(l => Math.Sqrt(((l.X - X) * (l.X - X)) + ((l.Y - Y) * (l.Y - Y))) < 120);
        var minutes = atLocation ? 5 + (_random.NextDouble() * 15) : 1 + (_random.NextDouble() * 5);
        return TimeSpan.FromMinutes(Plan.IsVehicle ? minutes : minutes * 1.5);
    }

    private void DriveTo(RoadPosition target, double speedFactor)
    {
        var from = Road ?? _map.Network.Snap(X, Y);
        var standing = _path is null || _path.Finished;
        var legs = _map.Network.Route(from, target, mayTurn: standing);
        _path = legs is null ? null : new PathFollower(Paths.Drive(_map.Network, legs, speedFactor));
    }

    private RoadPosition RandomRoadNear(double metres)
    {
        var best = _map.Network.RandomPosition(_random);
        for (var attempt = 0; attempt < 30 && Distance(best) > metres; attempt++)
        {
            best = _map.Network.RandomPosition(_random);
        }

        return best;
    }

    private void Scatter()
    {
        if (Plan.IsVehicle)
        {
            Road = RandomRoadNear(4_000);
            (X, Y) = _map.Network.PointAt(Road.Value);
        }
        else if (Beat is { } beat)
        {
            if (beat.HasStreets)
            {
                _node = beat.Nodes[_random.Next(beat.Nodes.Count)];
                _atNode = true;
                (X, Y) = (_map.Network.Graph.NodeX(_node), _map.Network.Graph.NodeY(_node));
            }
            else
            {
                (X, Y) = beat.RandomPoint(_random);
            }
        }
    }

    /// <summary>Where the unit starts and ends its shifts: its station's road (vehicles), the beat's corner nearest the station (foot).</summary>
    private (double X, double Y, RoadPosition? Road) Home()
    {
        var station = _map.StationRoads[Plan.Station];
        var (sx, sy) = _map.Network.PointAt(station);
        if (Plan.IsVehicle)
        {
            return (sx, sy, station);
        }

        var beat = Beat!;
        if (beat.HasStreets)
        {
            var node = beat.NearestNode(_map.Network, sx, sy);
            return (_map.Network.Graph.NodeX(node), _map.Network.Graph.NodeY(node), null);
        }

        var inside = beat.Area.InteriorPoint.Coordinate;
        return (inside.X, inside.Y, null);
    }

    private void Place(PathFollower path)
    {
        (X, Y) = path.Position;
        if (!path.Finished || path.Segments.Count > 0)
        {
            _heading = path.Current.Heading;
        }

        if (Plan.IsVehicle)
        {
            Road = path.RoadPosition ?? Road;
        }
    }

    private void Stop()
    {
        if (_path is { Finished: false } path && !Plan.IsVehicle && Activity == UnitActivity.Patrolling)
        {
            // A foot officer stopped mid-walk carries on along the same streets afterwards, so as not to cut across the beat's edge.
            _suspended = path;
        }

        _path = null;
    }

    private double Distance(RoadPosition road)
    {
        var (x, y) = _map.Network.PointAt(road);
        return Math.Sqrt(((x - X) * (x - X)) + ((y - Y) * (y - Y)));
    }
}
