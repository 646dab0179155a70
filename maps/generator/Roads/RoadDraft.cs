using Tracking.Core.Geo.Maps;
using Tracking.MapGenerator.Drawing;

namespace Tracking.MapGenerator.Roads;

/// <summary>A road being drawn, in metres, before it is noded, rounded and checked for connectivity.</summary>
internal sealed class RoadDraft(string? name, RoadClass roadClass, int maxSpeedMph, List<Vec2> points)
{
    public string? Name { get; } = name;

    public RoadClass Class { get; } = roadClass;

    /// <summary>The posted limit, miles per hour.</summary>
    public int MaxSpeedMph { get; } = maxSpeedMph;

    /// <summary>Traffic only from the first point to the last.</summary>
    public bool OneWay { get; set; }

    public List<Vec2> Points { get; set; } = points;

    /// <summary>A motorway: meets other roads only at junctions, passes over the rest.</summary>
    public bool GradeSeparated { get; init; }

    /// <summary>May join a grade-separated road where it crosses one (a motorway junction).</summary>
    public bool JoinsMotorway { get; init; }

    /// <summary>May cross the river: the stretch over the water becomes a bridge.</summary>
    public bool MayBridge { get; init; }

    /// <summary>This road is a bridge over the river.</summary>
    public bool IsBridge { get; init; }

    public RoadDraft WithPoints(List<Vec2> points, string? name = null, bool? isBridge = null) =>
        new(name ?? Name, Class, MaxSpeedMph, points)
        {
            OneWay = OneWay,
            GradeSeparated = GradeSeparated,
            JoinsMotorway = JoinsMotorway,
            MayBridge = MayBridge,
            IsBridge = isBridge ?? IsBridge,
        };

    public bool MayJoin(RoadDraft other) =>
        (GradeSeparated == other.GradeSeparated) || (GradeSeparated ? other.JoinsMotorway : JoinsMotorway);
}
