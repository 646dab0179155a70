namespace Tracking.Core.Incidents;

/// <summary>
/// Reads arrivals at open incidents from units' positions: an assigned unit arrives with its first
/// fix inside the incident's radius at or after its assignment; a unit that was not assigned
/// self-deploys when its fixes stay inside the radius for <see cref="SceneOptions.SelfDeployDwell"/>
/// (its arrival is its first fix inside). A fix from before the incident was created never counts.
/// Positions are projected metres; times are the fixes' device times.
/// </summary>
/// <remarks>
/// Each (incident, unit) pair arrives at most once. The caller feeds each unit's fixes in device-time
/// order (older ones are ignored by the live state before they get here). Not thread-safe: one
/// owner (the control room's loop) calls it.
/// </remarks>
public sealed class SceneDetector
{
    private readonly SceneOptions _options;
    private readonly double _radiusSquared;
    private readonly Dictionary<string, Scene> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Scene>> _dwelling = new(StringComparer.Ordinal);

    /// <param name="options">Radius and dwell; defaults when null.</param>
    public SceneDetector(SceneOptions? options = null)
    {
        _options = options ?? new SceneOptions();
        var problems = _options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _radiusSquared = _options.ArrivalRadius * _options.ArrivalRadius;
    }

    /// <summary>Number of open incidents watched.</summary>
    public int OpenIncidents => _open.Count;

    /// <summary>
    /// Watches an open incident at (<paramref name="x"/>, <paramref name="y"/>), or moves one already watched
    /// (an updated location keeps its assignments and arrivals).
    /// </summary>
    public void Open(string incidentId, double x, double y, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        if (_open.TryGetValue(incidentId, out var scene))
        {
            scene.X = x;
            scene.Y = y;
            scene.CreatedAt = createdAt;
            return;
        }

        _open.Add(incidentId, new Scene(x, y, createdAt));
    }

    /// <summary>Stops watching an incident (closed): later fixes there count for nothing.</summary>
    public void Close(string incidentId)
    {
        if (_open.Remove(incidentId, out var scene))
        {
            foreach (var unitId in scene.Units.Keys)
            {
                if (_dwelling.TryGetValue(unitId, out var dwelling) && dwelling.Remove(scene) && dwelling.Count == 0)
                {
                    _dwelling.Remove(unitId);
                }
            }
        }
    }

    /// <summary>Records that <paramref name="unitId"/> was sent to the incident at <paramref name="assignedAt"/>.</summary>
    /// <returns>False when the incident is not open here.</returns>
    public bool Assign(string incidentId, string unitId, DateTimeOffset assignedAt)
    {
        if (!_open.TryGetValue(incidentId, out var scene))
        {
            return false;
        }

        if (!scene.Units.TryGetValue(unitId, out var state))
        {
            state = new UnitAtScene();
            scene.Units.Add(unitId, state);
        }

        state.AssignedAt ??= assignedAt;
        return true;
    }

    /// <summary>Records that the unit is already known to have arrived (state restored after a restart).</summary>
    public void MarkArrived(string incidentId, string unitId)
    {
        if (_open.TryGetValue(incidentId, out var scene))
        {
            if (!scene.Units.TryGetValue(unitId, out var state))
            {
                state = new UnitAtScene();
                scene.Units.Add(unitId, state);
            }

            state.Arrived = true;
        }
    }

    /// <summary>One fix of a unit; appends to <paramref name="events"/> every arrival it completes.</summary>
    public void Observe(string unitId, double x, double y, DateTimeOffset time, List<SceneEvent> events)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        ArgumentNullException.ThrowIfNull(events);
        // Most fixes are far from every incident: a distance check each, and the scenes where this unit's
        // dwell is running, so leaving one is noticed without a lookup per incident.
        _dwelling.TryGetValue(unitId, out var dwelling);
        foreach (var (incidentId, scene) in _open)
        {
            var dx = x - scene.X;
            var dy = y - scene.Y;
            if (dx * dx + dy * dy > _radiusSquared || time < scene.CreatedAt)
            {
                if (dwelling is not null && dwelling.Remove(scene) && scene.Units.TryGetValue(unitId, out var left))
                {
                    left.InsideSince = null;
                }

                continue;
            }

            if (!scene.Units.TryGetValue(unitId, out var state))
            {
                state = new UnitAtScene();
                scene.Units.Add(unitId, state);
            }

            if (state.Arrived)
            {
                continue;
            }

            if (state.AssignedAt is { } assignedAt && time >= assignedAt)
            {
                state.Arrived = true;
                events.Add(new SceneEvent(SceneEventKind.Arrived, incidentId, unitId, time));
                continue;
            }

            if (state.InsideSince is null)
            {
                state.InsideSince = time;
                if (dwelling is null)
                {
                    dwelling = [];
                    _dwelling.Add(unitId, dwelling);
                }

                dwelling.Add(scene);
            }

            if (state.AssignedAt is null && time - state.InsideSince.Value >= _options.SelfDeployDwell)
            {
                state.Arrived = true;
                dwelling?.Remove(scene);
                events.Add(new SceneEvent(SceneEventKind.SelfDeployed, incidentId, unitId, state.InsideSince.Value));
            }
        }

        if (dwelling is { Count: 0 })
        {
            _dwelling.Remove(unitId);
        }
    }

    private sealed class Scene(double x, double y, DateTimeOffset createdAt)
    {
        public double X { get; set; } = x;

        public double Y { get; set; } = y;

        public DateTimeOffset CreatedAt { get; set; } = createdAt;

        public Dictionary<string, UnitAtScene> Units { get; } = new(StringComparer.Ordinal);
    }

    private sealed class UnitAtScene
    {
        public DateTimeOffset? AssignedAt { get; set; }

        public DateTimeOffset? InsideSince { get; set; }

        public bool Arrived { get; set; }
    }
}
