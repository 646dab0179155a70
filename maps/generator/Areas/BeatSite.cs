using NetTopologySuite.Geometries;
using Tracking.MapGenerator.Drawing;

namespace Tracking.MapGenerator.Areas;

/// <summary>A micro-beat's seed point and its cell of the tiling (metres).</summary>
internal sealed record BeatSite(Vec2 Site, Polygon Cell);
