using Tracking.MapGenerator.Drawing;

namespace Tracking.MapGenerator.Layout;

/// <summary>
/// An arterial road from the city centre's ring outwards: through the city as
/// <paramref name="CityName"/>, then across country as <paramref name="RuralName"/> (an A-road)
/// to a town's centre (<paramref name="Town"/>) or to the edge of the area.
/// </summary>
internal sealed record RadialPlan(Vec2 Target, int? Town, string CityName, string RuralName);
