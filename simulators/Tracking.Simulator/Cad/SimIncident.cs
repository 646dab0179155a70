using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Cad;

/// <summary>
/// An incident in the simulated world: what and where (a point on a road, with the address a caller gives), when it was
/// raised and closed, and which units were sent or turned up. Mutable; owned by the world's step.
/// </summary>
internal sealed class SimIncident(string id, IncidentType type, RoadPosition road, double longitude, double latitude, string address, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public IncidentType Type { get; } = type;

    public int Grade => Type.Grade;

    public RoadPosition Road { get; } = road;

    public double Longitude { get; } = longitude;

    public double Latitude { get; } = latitude;

    public string Address { get; } = address;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsOpen => ClosedAt is null;

    /// <summary>Units dispatched to it (by the dispatcher or the server).</summary>
    public HashSet<string> Assigned { get; } = new(StringComparer.Ordinal);

    /// <summary>Units on their way or at scene, sent or self-deployed.</summary>
    public HashSet<string> Attending { get; } = new(StringComparer.Ordinal);

    /// <summary>How often the dispatcher found no unit to send.</summary>
    public int DispatchAttempts { get; set; }
}
