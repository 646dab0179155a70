using System.Globalization;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// Turns one feature (properties + geometry), whatever file it came from, into a beat, a
/// priority location, a station or water, or says why it cannot. The property names are those of the
/// maps directory's format, with the alternatives forces' exports use (see <see cref="MapAttributes"/>).
/// </summary>
internal static class MapFeatures
{
    private static readonly string[] IdKeys = ["id"];
    private static readonly string[] NameKeys = ["name"];

    /// <summary>The feature's id from its properties, or <paramref name="fallbackId"/> (a GeoJSON Feature's own id, a KML Placemark's id attribute).</summary>
    public static string? Id(MapAttributes attributes, string? fallbackId) =>
        attributes.Text(IdKeys) ?? (string.IsNullOrWhiteSpace(fallbackId) ? null : fallbackId.Trim());

    public static (Beat? Beat, string? Problem) ToBeat(MapAttributes attributes, string? id, Geometry geometry)
    {
        if (id is null)
        {
            return (null, "no id (an 'id' property or a feature id is needed)");
        }

        if (MapValidation.CheckArea(geometry) is { } area)
        {
            return (null, area);
        }

        var name = attributes.Text(NameKeys) ?? id;
        return (new Beat(id, name, geometry, attributes.Text("team"), attributes.Text("station", "stationid")), null);
    }

    public static (Station? Station, string? Problem) ToStation(MapAttributes attributes, string? id, Geometry geometry)
    {
        if (id is null)
        {
            return (null, "no id (an 'id' property or a feature id is needed)");
        }

        if (geometry is not Point point || point.IsEmpty)
        {
            return (null, $"a station must be a Point, got a {geometry.GeometryType}");
        }

        if (MapValidation.CheckCoordinates(point) is { } range)
        {
            return (null, range);
        }

        return (new Station(id, attributes.Text(NameKeys) ?? id, point), null);
    }

    /// <summary>Water is only drawn: any surface or line will do, as long as its coordinates are WGS84 degrees.</summary>
    public static (WaterFeature? Water, string? Problem) ToWater(MapAttributes attributes, string id, Geometry geometry)
    {
        if (geometry is not (Polygon or MultiPolygon or LineString or MultiLineString))
        {
            return (null, $"water must be a Polygon, MultiPolygon, LineString or MultiLineString, got a {geometry.GeometryType}");
        }

        if (MapValidation.CheckCoordinates(geometry) is { } range)
        {
            return (null, range);
        }

        return (new WaterFeature(id, attributes.Text(NameKeys), geometry), null);
    }

    public static (PriorityLocation? Location, string? Problem) ToLocation(MapAttributes attributes, string? id, Geometry geometry)
    {
        if (id is null)
        {
            return (null, "no id (an 'id' property or a feature id is needed)");
        }

        if (!attributes.TryNumber(out var radius, "radius", "radiusm", "radiusmetres", "radiusmeters"))
        {
            return (null, $"radius '{attributes.Text("radius", "radiusm", "radiusmetres", "radiusmeters")}' is not a number of metres");
        }

        if (!attributes.TryWholeNumber(out var visits, "visitsperday", "visits"))
        {
            return (null, $"visitsPerDay '{attributes.Text("visitsperday", "visits")}' is not a whole number");
        }

        if (!attributes.TryNumber(out var minutes, "minutesperday", "minutes"))
        {
            return (null, $"minutesPerDay '{attributes.Text("minutesperday", "minutes")}' is not a number");
        }

        if (!attributes.TryTime(out var validFrom, "validfrom"))
        {
            return (null, $"validFrom '{attributes.Text("validfrom")}' is not an ISO 8601 time");
        }

        double radiusMetres;
        if (geometry is Point)
        {
            if (radius is null)
            {
                return (null, "a point location needs a 'radius' in metres");
            }

            radiusMetres = radius.Value;
        }
        else
        {
            // A polygon's extent is its own; a radius beside it (some exports carry one for every row) means nothing.
            radiusMetres = 0;
        }

        var location = new PriorityLocation(
            id,
            attributes.Text(NameKeys) ?? id,
            geometry,
            radiusMetres,
            visits is null && minutes is null ? PresenceTargets.None : new PresenceTargets(visits, minutes),
            validFrom ?? DateTimeOffset.MinValue,
            BeatId: attributes.Text("beat", "beatid"));
        var reasons = MapValidation.CheckLocation(location);
        if (reasons.Count > 0)
        {
            // The reasons start with "location 'id': "; the problem already names the feature.
            var prefix = $"location '{id}': ";
            return (null, string.Join("; ", reasons.Select(r => r.StartsWith(prefix, StringComparison.Ordinal) ? r[prefix.Length..] : r)));
        }

        return (location, null);
    }

    /// <summary>The problem for a repeated id, or null (and the id remembered) when new.</summary>
    public static string? Duplicate(HashSet<string> seen, string id) =>
        seen.Add(id) ? null : $"id '{id}' appears more than once; the first is kept";

    /// <summary>The key that tells versions of one location apart: id and start.</summary>
    public static string VersionKey(PriorityLocation location) =>
        location.Id + "@" + location.ValidFrom.ToString("O", CultureInfo.InvariantCulture);
}
