namespace Tracking.Server.Command;

/// <summary>What a unit's devices receive on <c>tracking/{deviceId}/dispatch</c>, and the live maps too.</summary>
internal sealed record DispatchMessage(
    string Incident,
    int Grade,
    string Type,
    GeoPoint Location,
    string Unit,
    string CallSign,
    DateTimeOffset AssignedAt);
