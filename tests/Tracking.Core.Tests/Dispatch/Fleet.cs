using Tracking.Core.Dispatch;
using Tracking.Core.Geo;

namespace Tracking.Core.Tests.Dispatch;

/// <summary>
/// Units for recommender tests, placed in metres around the projection's centre and kept both in
/// a dictionary and in the live index, as the live state would keep them.
/// </summary>
internal sealed class Fleet(MapProjection projection)
{
    public static readonly DateTimeOffset Now = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, UnitSnapshot> _units = new(StringComparer.Ordinal);

    public UnitPositionIndex Index { get; } = new(-20_000, -20_000, 20_000, 20_000);

    public IReadOnlyDictionary<string, UnitSnapshot> Units => _units;

    public static IReadOnlyDictionary<string, DateTimeOffset?> NoSkills { get; } = new Dictionary<string, DateTimeOffset?>();

    /// <summary>An on-duty, available unit seen 10 s ago at (x, y) metres; <paramref name="change"/> alters it.</summary>
    public Fleet Add(string id, UnitType type, double x, double y, Func<UnitSnapshot, UnitSnapshot>? change = null)
    {
        var (lon, lat) = projection.Unproject(x, y);
        var unit = new UnitSnapshot(
            id, $"CS-{id}", type, UnitStatus.Available, OnDuty: true, NoSkills,
            new UnitPosition(lon, lat, x, y), Now.AddSeconds(-10));
        unit = change?.Invoke(unit) ?? unit;
        _units[id] = unit;
        if (unit.Position is { } position)
        {
            Index.Update(id, position.X, position.Y, unit.PositionTime ?? Now);
        }

        return this;
    }

    public IncidentRequest Incident(double x, double y, UnitType? vehicle = null, params string[] skills)
    {
        var (lon, lat) = projection.Unproject(x, y);
        return new IncidentRequest(lon, lat, skills, vehicle, Now);
    }
}
