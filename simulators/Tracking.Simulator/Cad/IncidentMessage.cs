namespace Tracking.Simulator.Cad;

/// <summary>
/// An incident as command and control sends it (<c>POST /api/incidents</c>, <c>PUT /api/incidents/{id}</c>, MQTT
/// <c>cad/incidents</c>): grade 1 emergency, 2 priority, 3 scheduled; status open or closed.
/// </summary>
public sealed record IncidentMessage(
    string Id,
    int Grade,
    string Type,
    GeoJsonPoint Location,
    IReadOnlyList<string> RequiredSkills,
    string? VehicleType,
    DateTimeOffset CreatedAt,
    string Status,
    DateTimeOffset? ClosedAt)
{
    internal static IncidentMessage From(SimIncident incident) => new(
        incident.Id,
        incident.Grade,
        incident.Type.Name,
        GeoJsonPoint.At(incident.Longitude, incident.Latitude),
        incident.Type.RequiredSkills,
        incident.Type.VehicleType is { } type ? CadJson.Name(type) : null,
        incident.CreatedAt,
        incident.IsOpen ? "open" : "closed",
        incident.ClosedAt);
}
