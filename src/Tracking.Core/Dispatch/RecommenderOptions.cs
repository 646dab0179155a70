using Tracking.Core.Geo.Routing;

namespace Tracking.Core.Dispatch;

/// <summary>Settings of <see cref="Recommender"/>, each with a default that suits an urban force.</summary>
public sealed class RecommenderOptions
{
    private const double MetresPerSecondPerMph = 0.44704;

    /// <summary>A position older than this at the request time is stale and its unit is not offered. Default 120 s.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Without a road network: how much longer than the straight line a drive is. Default 1.4.</summary>
    public double DetourFactor { get; init; } = 1.4;

    /// <summary>
    /// How many units, nearest by straight line among those eligible, get a road-network time
    /// (default 50). The trade-off: one search per incident stays small and fast, and a unit
    /// beyond the nearest N could only win with a route very much straighter than all N of theirs
    /// (a motorway past a river, say), which this count makes rare in an urban force; raise it
    /// where roads are sparse. Also bounds the straight-line ranking, where speeds differ by type.
    /// </summary>
    public int Candidates { get; init; } = 50;

    /// <summary>
    /// Speed (m/s) of each unit type for straight-line estimates, and on the road network for the
    /// types in <see cref="OnFoot"/>. Defaults: cars, ARVs, dog units and motorcycles 13.4 m/s
    /// (30 mph, urban), vans 11.2 m/s (25 mph), foot patrol and PCSOs 1.4 m/s (walking).
    /// </summary>
    public IReadOnlyDictionary<UnitType, double> Speeds { get; init; } = new Dictionary<UnitType, double>
    {
        [UnitType.ResponseCar] = 30 * MetresPerSecondPerMph,
        [UnitType.ArmedResponseVehicle] = 30 * MetresPerSecondPerMph,
        [UnitType.DogUnit] = 30 * MetresPerSecondPerMph,
        [UnitType.Motorcycle] = 30 * MetresPerSecondPerMph,
        [UnitType.Van] = 25 * MetresPerSecondPerMph,
        [UnitType.FootPatrol] = 1.4,
        [UnitType.Pcso] = 1.4,
    };

    /// <summary>
    /// Types that walk: over the road network their time is the route's length at their own speed
    /// (driving speeds do not apply to them). Vehicles drive at each road's speed. Default: foot
    /// patrol and PCSOs.
    /// </summary>
    public IReadOnlySet<UnitType> OnFoot { get; init; } = new HashSet<UnitType> { UnitType.FootPatrol, UnitType.Pcso };

    /// <summary>Off-road speed and snapping distance for road-network times.</summary>
    public TravelTimeOptions Routing { get; init; } = new();

    /// <summary>The speed of a unit type, m/s.</summary>
    public double SpeedOf(UnitType type) =>
        Speeds.TryGetValue(type, out var speed)
            ? speed
            : throw new InvalidOperationException($"No speed is configured for unit type {type}: add it to {nameof(Speeds)}.");

    /// <summary>Throws when a setting is out of range, saying which and what to do.</summary>
    public void Validate()
    {
        if (StaleAfter <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StaleAfter), StaleAfter, "StaleAfter must be positive.");
        }

        if (!double.IsFinite(DetourFactor) || DetourFactor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DetourFactor), DetourFactor, "DetourFactor must be at least 1 (a drive is never shorter than the straight line).");
        }

        if (Candidates < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Candidates), Candidates, "Candidates must be at least 1.");
        }

        ArgumentNullException.ThrowIfNull(Speeds);
        ArgumentNullException.ThrowIfNull(OnFoot);
        ArgumentNullException.ThrowIfNull(Routing);
        foreach (var type in Enum.GetValues<UnitType>())
        {
            var speed = SpeedOf(type);
            if (!double.IsFinite(speed) || speed <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Speeds), speed, $"The speed of {type} must be a positive number of metres per second.");
            }
        }

        Routing.Validate();
    }
}
