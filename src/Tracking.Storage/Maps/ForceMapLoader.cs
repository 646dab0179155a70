using System.Text.Json;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo;
using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// Reads a map directory (maps/README.md): <c>map.json</c> (name, projection) and the feature
/// files beside it, each optional. Beats and locations may be GeoJSON or a force's KML/KMZ; roads
/// may be GeoJSON or an OpenStreetMap extract; water (drawn only) is GeoJSON. At most one file of each kind may be present.
/// Thread-safe: static, no state.
/// </summary>
public static class ForceMapLoader
{
    /// <summary>The names each kind of feature is looked for under, in this order.</summary>
    public static IReadOnlyList<string> BeatFiles { get; } = ["beats.geojson", "beats.kml", "beats.kmz"];

    public static IReadOnlyList<string> LocationFiles { get; } = ["locations.geojson", "locations.kml", "locations.kmz"];

    public static IReadOnlyList<string> StationFiles { get; } = ["stations.geojson", "stations.kml", "stations.kmz"];

    public static IReadOnlyList<string> RoadFiles { get; } = ["roads.geojson", "roads.osm.pbf", "roads.osm"];

    public static IReadOnlyList<string> WaterFiles { get; } = ["water.geojson"];

    /// <summary>
    /// The map of <paramref name="directory"/>; bad features are left out (use <see cref="LoadWithProblems"/>
    /// to learn which). Throws <see cref="MapFormatException"/> for a missing or unreadable
    /// <c>map.json</c>, a file that cannot be read at all, or two files for one kind of feature.
    /// </summary>
    public static ForceMap Load(string directory) => LoadWithProblems(directory).Map;

    /// <summary>The map of <paramref name="directory"/> and the problems met reading it.</summary>
    public static ForceMapLoadResult LoadWithProblems(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var (name, projectionName) = ReadSettings(directory);
        var problems = new List<MapProblem>();

        var beats = ReadKind(directory, BeatFiles, problems, (stream, file) => IsKml(file)
            ? KmlMapReader.ReadBeats(stream, file)
            : GeoJsonMapReader.ReadBeats(stream, file));
        var locations = ReadKind(directory, LocationFiles, problems, (stream, file) => IsKml(file)
            ? KmlMapReader.ReadLocations(stream, file)
            : GeoJsonMapReader.ReadLocations(stream, file));
        var stations = ReadKind(directory, StationFiles, problems, (stream, file) => IsKml(file)
            ? KmlMapReader.ReadStations(stream, file)
            : GeoJsonMapReader.ReadStations(stream, file));
        var skippedRoads = 0;
        var roads = ReadKind(directory, RoadFiles, problems, (stream, file) =>
        {
            var result = file.EndsWith(".pbf", StringComparison.Ordinal) ? OsmPbfRoadReader.Read(stream, file)
                : file.EndsWith(".osm", StringComparison.Ordinal) ? OsmXmlRoadReader.Read(stream, file)
                : GeoJsonMapReader.ReadRoads(stream, file);
            skippedRoads = result.Skipped;
            return result;
        });

        var water = ReadKind(directory, WaterFiles, problems, GeoJsonMapReader.ReadWater);

        // Water is left out of the extent: it is only drawn, and must not move the centre of a local projection.
        var extent = new Envelope();
        foreach (var geometry in beats.Select(b => b.Area).Concat(locations.Select(l => l.Shape))
                     .Concat(stations.Select(s => (Geometry)s.Position)).Concat(roads.Select(r => r.Line)))
        {
            extent.ExpandToInclude(geometry.EnvelopeInternal);
        }

        var local = string.IsNullOrWhiteSpace(projectionName)
            || string.Equals(projectionName, MapProjection.LocalName, StringComparison.OrdinalIgnoreCase);
        if (local && extent.IsNull)
        {
            throw new MapFormatException($"{Path.Combine(directory, "map.json")}: the map has no features to centre the local projection on; name a projection (\"{MapProjection.BritishNationalGridName}\") or add features");
        }

        MapProjection projection;
        try
        {
            projection = MapProjection.FromName(projectionName, extent);
        }
        catch (ArgumentException e)
        {
            throw new MapFormatException($"{Path.Combine(directory, "map.json")}: {e.Message}", e);
        }

        var map = new ForceMap(name, projection, beats, locations, stations, roads) { Water = water };
        return new ForceMapLoadResult(map, problems, skippedRoads);
    }

    private static (string Name, string? Projection) ReadSettings(string directory)
    {
        var path = Path.Combine(directory, "map.json");
        if (!File.Exists(path))
        {
            throw new MapFormatException($"{path}: not found; a map directory needs a map.json with the force area's \"name\" and its \"projection\"");
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MapFormatException($"{path}: expected a JSON object with \"name\" and \"projection\"");
            }

            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new MapFormatException($"{path}: \"name\" (the force area's name) is missing");
            }

            var projection = root.TryGetProperty("projection", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            return (name, projection);
        }
        catch (JsonException e)
        {
            throw new MapFormatException($"{path}: not valid JSON ({e.Message})", e);
        }
    }

    private static IReadOnlyList<T> ReadKind<T>(string directory, IReadOnlyList<string> candidates, List<MapProblem> problems, Func<Stream, string, MapReadResult<T>> read)
    {
        var present = candidates.Where(file => File.Exists(Path.Combine(directory, file))).ToList();
        if (present.Count == 0)
        {
            return [];
        }

        if (present.Count > 1)
        {
            throw new MapFormatException($"{directory}: both {string.Join(" and ", present)} are present; keep one of them");
        }

        using var stream = File.OpenRead(Path.Combine(directory, present[0]));
        var result = read(stream, present[0]);
        problems.AddRange(result.Problems);
        return result.Items;
    }

    private static bool IsKml(string file) =>
        file.EndsWith(".kml", StringComparison.Ordinal) || file.EndsWith(".kmz", StringComparison.Ordinal);
}
