namespace Tracking.Server.LiveMap;

/// <summary>
/// The argument of the hub's <c>JoinView</c> as a client sends it (JSON or MessagePack, camelCase names):
/// <c>{"kind": "force" | "bbox" | "team" | "station", "west", "south", "east", "north", "team", "station"}</c>,
/// longitudes and latitudes in degrees (WGS84). Unchecked: <see cref="MapView.TryCreate"/> validates it.
/// </summary>
internal sealed class MapViewRequest
{
    public string? Kind { get; set; }

    /// <summary>Western edge, degrees east (bbox).</summary>
    public double? West { get; set; }

    /// <summary>Southern edge, degrees north (bbox).</summary>
    public double? South { get; set; }

    /// <summary>Eastern edge, degrees east (bbox).</summary>
    public double? East { get; set; }

    /// <summary>Northern edge, degrees north (bbox).</summary>
    public double? North { get; set; }

    /// <summary>The team's name, as in the units import (team view).</summary>
    public string? Team { get; set; }

    /// <summary>The station's name, as in the units import (station view).</summary>
    public string? Station { get; set; }
}
