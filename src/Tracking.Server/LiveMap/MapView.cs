using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Tracking.Core.Validation;

namespace Tracking.Server.LiveMap;

/// <summary>
/// A validated view of the live map: which markers a client sees. Immutable (safe to share between threads);
/// equal views share one stream of frames. Incidents and alarms are not filtered by the view: a dispatcher
/// must never miss one.
/// </summary>
/// <param name="Kind">What the view shows.</param>
/// <param name="West">Western edge, degrees east (bbox only; 0 otherwise).</param>
/// <param name="South">Southern edge, degrees north (bbox only).</param>
/// <param name="East">Eastern edge, degrees east (bbox only).</param>
/// <param name="North">Northern edge, degrees north (bbox only).</param>
/// <param name="Name">The team or station (team and station views only).</param>
internal sealed record MapView(MapViewKind Kind, double West, double South, double East, double North, string? Name)
{
    private const int MaxNameLength = 200;

    public static MapView Force { get; } = new(MapViewKind.Force, 0, 0, 0, 0, null);

    public static MapView Box(double west, double south, double east, double north) => new(MapViewKind.Bbox, west, south, east, north, null);

    /// <summary>Checks what a client asked for; <paramref name="problem"/> names the field and says what is expected.</summary>
    public static bool TryCreate(MapViewRequest? request, [NotNullWhen(true)] out MapView? view, [NotNullWhen(false)] out string? problem)
    {
        view = null;
        problem = request switch
        {
            null => "view: required, e.g. {\"kind\": \"force\"}",
            { Kind: null or "" } => "kind: required: force, bbox, team or station",
            _ => null,
        };
        if (problem is not null)
        {
            return false;
        }

        switch (request!.Kind!.ToUpperInvariant())
        {
            case "FORCE":
                view = Force;
                return true;
            case "BBOX":
                return TryBox(request, out view, out problem);
            case "TEAM":
                return TryNamed(MapViewKind.Team, "team", request.Team, out view, out problem);
            case "STATION":
                return TryNamed(MapViewKind.Station, "station", request.Station, out view, out problem);
            default:
                problem = $"kind: '{Shorten(request.Kind)}' is not a view; use force, bbox, team or station";
                return false;
        }
    }

    /// <summary>Whether the marker is in this view.</summary>
    public bool Contains(UnitMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        return Kind switch
        {
            MapViewKind.Force => true,
            MapViewKind.Bbox => marker.Longitude is { } lon && marker.Latitude is { } lat && lon >= West && lon <= East && lat >= South && lat <= North,
            MapViewKind.Team => marker.Team is { } team && string.Equals(team, Name, StringComparison.OrdinalIgnoreCase),
            MapViewKind.Station => marker.Station is { } station && string.Equals(station, Name, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    public override string ToString() => Kind switch
    {
        MapViewKind.Bbox => string.Create(CultureInfo.InvariantCulture, $"bbox {West},{South},{East},{North}"),
        MapViewKind.Team or MapViewKind.Station => $"{Kind.ToString().ToLowerInvariant()} {Name}",
        _ => "force",
    };

    private static bool TryBox(MapViewRequest request, out MapView? view, out string? problem)
    {
        view = null;
        if (request.West is not { } west || request.South is not { } south || request.East is not { } east || request.North is not { } north)
        {
            problem = "west, south, east, north: all four required for a bbox view, in degrees (WGS84)";
            return false;
        }

        if (!double.IsFinite(west) || !double.IsFinite(east) || west < -180 || west > 180 || east < -180 || east > 180)
        {
            problem = "west, east: must be longitudes, -180 to 180 degrees";
            return false;
        }

        if (!double.IsFinite(south) || !double.IsFinite(north) || south < -90 || south > 90 || north < -90 || north > 90)
        {
            problem = "south, north: must be latitudes, -90 to 90 degrees";
            return false;
        }

        if (west >= east)
        {
            problem = "west: must be less than east (a box across the antimeridian is not supported)";
            return false;
        }

        if (south >= north)
        {
            problem = "south: must be less than north";
            return false;
        }

        view = Box(west, south, east, north);
        problem = null;
        return true;
    }

    private static bool TryNamed(MapViewKind kind, string field, string? name, out MapView? view, out string? problem)
    {
        view = null;
        if (string.IsNullOrWhiteSpace(name))
        {
            problem = $"{field}: required for a {field} view (its name as in the units import)";
            return false;
        }

        if (!TextRules.IsAcceptable(name, MaxNameLength))
        {
            problem = $"{field}: at most {MaxNameLength} characters without control characters";
            return false;
        }

        view = new MapView(kind, 0, 0, 0, 0, name);
        problem = null;
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
