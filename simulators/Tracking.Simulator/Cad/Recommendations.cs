namespace Tracking.Simulator.Cad;

/// <summary>The answer of <c>GET /api/incidents/{id}/recommendations?count=n</c>: units ranked by time to arrive, and on what basis.</summary>
public sealed record Recommendations(IReadOnlyList<RecommendedUnit> Units, string? Basis);
