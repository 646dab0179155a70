namespace Tracking.Server.Tests.Command;

/// <summary>The parts of <c>GET /api/units/{id}/status</c> the tests read.</summary>
public sealed record UnitState(string Id, string CallSign, string Type, string Status, string? Reason, string? Incident, bool OnDuty,
    string? ParentUnit, string? Officer, PositionState? Position);

/// <summary>A unit's position as the API gives it.</summary>
public sealed record PositionState(double Longitude, double Latitude, DateTimeOffset Time, string Device);
