namespace Tracking.Simulator.Cad;

/// <summary>One unit of <c>GET /api/incidents/{id}/recommendations</c>, best first. Members the simulator does not use are ignored.</summary>
public sealed record RecommendedUnit(string Unit, string? CallSign, string? Type, double? DistanceMetres, double? EtaSeconds);
