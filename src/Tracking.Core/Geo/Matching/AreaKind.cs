namespace Tracking.Core.Geo.Matching;

/// <summary>What an <see cref="IndexedArea"/> stands for.</summary>
public enum AreaKind
{
    /// <summary>A micro-beat: beats tile the force area, so a point is in at most one (boundaries aside).</summary>
    Beat,

    /// <summary>A priority location: locations may overlap each other and any number may contain a point.</summary>
    Location,
}
