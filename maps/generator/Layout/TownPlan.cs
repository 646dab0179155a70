using Tracking.MapGenerator.Drawing;

namespace Tracking.MapGenerator.Layout;

/// <summary>An outlying town: its centre and size (metres) and whether it has a police station.</summary>
internal sealed record TownPlan(string Name, Vec2 Centre, double Radius, bool HasStation);
