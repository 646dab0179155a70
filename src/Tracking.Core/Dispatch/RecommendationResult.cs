namespace Tracking.Core.Dispatch;

/// <summary>The answer to an incident request.</summary>
/// <param name="Units">Units offered, fastest first, at most the count asked for.</param>
/// <param name="Excluded">When an explanation was asked for: every unit not offered and why, in unit-id order; else empty.</param>
/// <param name="Basis">How the times were estimated.</param>
public sealed record RecommendationResult(
    IReadOnlyList<Recommendation> Units,
    IReadOnlyList<UnitExclusion> Excluded,
    EtaBasis Basis);
