using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// The checks every map feature passes before the engine or the database gets it, shared by
/// the file readers and <see cref="MapStore"/>. Each returns null (or nothing) when fine, else
/// sentences naming the fault. Thread-safe: pure functions.
/// </summary>
public static class MapValidation
{
    /// <summary>Largest radius of a point location, in metres: past that a polygon says better what is meant.</summary>
    public const double MaxRadiusMetres = 5000;

    /// <summary>The first coordinate outside longitude −180..180 or latitude −90..90 (or not finite), described; else null.</summary>
    public static string? CheckCoordinates(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"coordinate ({c.X}, {c.Y}) is out of range: longitude must be within -180..180 and latitude within -90..90, longitude first");
            }
        }

        return null;
    }

    /// <summary>An area (beat, polygon location): a non-empty, valid Polygon or MultiPolygon in range; else why not.</summary>
    public static string? CheckArea(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry is not (Polygon or MultiPolygon))
        {
            return $"expected a Polygon or MultiPolygon, got a {geometry.GeometryType}";
        }

        if (geometry.IsEmpty)
        {
            return $"the {geometry.GeometryType} is empty";
        }

        if (CheckCoordinates(geometry) is { } range)
        {
            return range;
        }

        var error = new IsValidOp(geometry).ValidationError;
        return error is null
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"invalid {geometry.GeometryType}: {error.Message} at ({error.Coordinate?.X}, {error.Coordinate?.Y})");
    }

    /// <summary>A point location's radius: above 0 and at most <see cref="MaxRadiusMetres"/>; else why not.</summary>
    public static string? CheckRadius(double radiusMetres) =>
        double.IsFinite(radiusMetres) && radiusMetres > 0 && radiusMetres <= MaxRadiusMetres
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"radius {radiusMetres} m is out of range: a point location needs a radius above 0 and at most {MaxRadiusMetres} m");

    /// <summary>Every fault of a priority location version (empty when it is fine).</summary>
    public static IReadOnlyList<string> CheckLocation(PriorityLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var reasons = new List<string>();
        var label = string.IsNullOrWhiteSpace(location.Id) ? "location" : $"location '{location.Id}'";
        if (string.IsNullOrWhiteSpace(location.Id))
        {
            reasons.Add("location: the id is empty");
        }

        if (string.IsNullOrWhiteSpace(location.Name))
        {
            reasons.Add($"{label}: the name is empty");
        }

        if (location.Shape is null)
        {
            reasons.Add($"{label}: it has no shape");
        }
        else if (location.Shape is Point point)
        {
            if (point.IsEmpty || CheckCoordinates(point) is not null)
            {
                reasons.Add($"{label}: " + (CheckCoordinates(point) ?? "the point is empty"));
            }

            if (CheckRadius(location.RadiusMetres) is { } radius)
            {
                reasons.Add($"{label}: {radius}");
            }
        }
        else
        {
            if (CheckArea(location.Shape) is { } area)
            {
                reasons.Add($"{label}: {area}");
            }

            if (location.RadiusMetres != 0)
            {
                reasons.Add($"{label}: a radius belongs to point locations only; a polygon's radius must be 0");
            }
        }

        if (location.Targets is { } targets)
        {
            if (targets.VisitsPerDay is < 0)
            {
                reasons.Add($"{label}: visits per day cannot be negative");
            }

            if (targets.MinutesPerDay is { } minutes && (!double.IsFinite(minutes) || minutes < 0))
            {
                reasons.Add($"{label}: minutes per day must be a number of at least 0");
            }
        }
        else
        {
            reasons.Add($"{label}: targets are missing (use PresenceTargets.None)");
        }

        if (location.ValidTo is { } validTo && validTo <= location.ValidFrom)
        {
            reasons.Add($"{label}: the version ends ({validTo:O}) before it starts ({location.ValidFrom:O})");
        }

        return reasons;
    }
}
