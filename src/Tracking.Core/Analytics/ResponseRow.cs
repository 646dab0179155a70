namespace Tracking.Core.Analytics;

/// <summary>Response times of one group of incidents (minutes from creation to the first unit at the scene).</summary>
/// <param name="Grade">1, 2 or 3.</param>
/// <param name="By">What the group is: grade, station or beat.</param>
/// <param name="Group">The station or beat id; null for the grade as a whole (or incidents outside every beat).</param>
/// <param name="Incidents">Incidents created in the period.</param>
/// <param name="Attended">Those a unit reached.</param>
/// <param name="MedianMinutes">Median response of the attended ones.</param>
/// <param name="Percentile90Minutes">90th percentile (linear interpolation between ranks).</param>
/// <param name="WithinTarget">Share of incidents with a target that met it (unattended past the target count as missed).</param>
/// <param name="Missed">The incidents that missed their target.</param>
public sealed record ResponseRow(
    int Grade,
    string By,
    string? Group,
    int Incidents,
    int Attended,
    double? MedianMinutes,
    double? Percentile90Minutes,
    double? WithinTarget,
    IReadOnlyList<string> Missed);
