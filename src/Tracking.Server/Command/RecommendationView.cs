using Tracking.Core.Dispatch;

namespace Tracking.Server.Command;

/// <summary>The answer of <c>GET /api/incidents/{id}/recommendations</c>.</summary>
internal sealed record RecommendationView(string Incident, IReadOnlyList<RecommendedUnit> Units, IReadOnlyList<ExcludedUnit>? Excluded, EtaBasis Basis);

/// <summary>One unit offered, fastest first.</summary>
internal sealed record RecommendedUnit(
    string Unit,
    string CallSign,
    UnitType Type,
    double DistanceMetres,
    double EtaSeconds,
    IReadOnlyList<CrewView> Crew,
    IReadOnlyDictionary<string, DateTimeOffset?> Skills);

/// <summary>A unit not offered and why.</summary>
internal sealed record ExcludedUnit(string Unit, string CallSign, ExclusionReason Reason, string Detail);
