namespace Tracking.Core.Dispatch;

/// <summary>One unit offered for an incident.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="CallSign">Its call sign.</param>
/// <param name="Type">Its type.</param>
/// <param name="DistanceMetres">
/// Metres to the incident: along the route (off-road parts included) over the road network,
/// else the straight line (see <see cref="RecommendationResult.Basis"/>).
/// </param>
/// <param name="EtaSeconds">Estimated time to arrive, seconds.</param>
/// <param name="Crew">Officers on board, when known.</param>
/// <param name="Skills">The unit's skills and their expiry.</param>
public sealed record Recommendation(
    string UnitId,
    string CallSign,
    UnitType Type,
    double DistanceMetres,
    double EtaSeconds,
    IReadOnlyList<string> Crew,
    IReadOnlyDictionary<string, DateTimeOffset?> Skills);
