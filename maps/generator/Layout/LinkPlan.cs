using Tracking.Core.Geo.Maps;

namespace Tracking.MapGenerator.Layout;

/// <summary>A country road (B-road) between two towns' centres.</summary>
internal sealed record LinkPlan(int From, int To, string Name, RoadClass Class, int MaxSpeedMph);
