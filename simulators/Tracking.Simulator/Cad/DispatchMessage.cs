namespace Tracking.Simulator.Cad;

/// <summary>What the server publishes on <c>tracking/{deviceId}/dispatch</c> to every device of an assigned unit.</summary>
public sealed record DispatchMessage(string Incident, int Grade, string Type, GeoJsonPoint Location, string Unit, string? CallSign, DateTimeOffset AssignedAt);
