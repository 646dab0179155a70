namespace Tracking.Simulator.Fleet;

/// <summary>
/// How imperfect the devices are: GPS noise (standard deviation, metres), the chance per report of an urban-canyon
/// jump (a reflected signal putting the fix tens of metres off), and coverage gaps (how many per device per hour on
/// average, and how long), during which trackers and phones buffer and radios stay silent.
/// </summary>
internal sealed record DeviceBehaviour
{
    public static DeviceBehaviour Perfect { get; } = new() { NoiseMetres = 0, CanyonJumpChance = 0, GapsPerHour = 0 };

    public double NoiseMetres { get; init; } = 3;

    public double CanyonJumpChance { get; init; } = 0.01;

    public double GapsPerHour { get; init; } = 0.25;

    public TimeSpan ShortestGap { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan LongestGap { get; init; } = TimeSpan.FromMinutes(8);
}
