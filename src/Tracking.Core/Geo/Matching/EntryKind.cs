namespace Tracking.Core.Geo.Matching;

/// <summary>How a grid cell's entry decides whether an area contains a point of the cell.</summary>
internal enum EntryKind : byte
{
    /// <summary>No edge of the area comes near the cell and the cell is inside: every point of it is contained.</summary>
    Inside,

    /// <summary>Some of the area's edges cross the cell: count their crossings from the cell's reference point.</summary>
    Edges,

    /// <summary>The circle's rim crosses the cell: compare the distance to the centre with the radius.</summary>
    Circle,
}
