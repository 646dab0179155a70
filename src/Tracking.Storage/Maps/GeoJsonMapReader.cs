using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// Reads the GeoJSON files of a map directory (RFC 7946, coordinates <c>[lon, lat]</c>; format in
/// maps/README.md): beats, priority locations, stations, roads and water. Each feature is read on its
/// own, so a bad one becomes a <see cref="MapProblem"/> ("feature 12: Polygon ring not closed",
/// index 0-based in <c>features</c>) and the rest are kept; a file that is not a GeoJSON
/// FeatureCollection at all raises <see cref="MapFormatException"/>. Thread-safe: static, no state.
/// </summary>
public static class GeoJsonMapReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 256,
    };

    private static readonly JsonSerializerOptions GeometryOptions = CreateGeometryOptions();

    /// <summary>Micro-beats: Polygon or MultiPolygon features with <c>id</c>, <c>name</c>, <c>team</c>, <c>station</c>.</summary>
    public static MapReadResult<Beat> ReadBeats(Stream stream, string sourceName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Read(stream, sourceName, feature =>
        {
            var (beat, message) = MapFeatures.ToBeat(feature.Attributes, MapFeatures.Id(feature.Attributes, feature.Id), feature.Geometry);
            return (beat, message ?? MapFeatures.Duplicate(seen, beat!.Id));
        });
    }

    /// <summary>Priority locations: Polygon/MultiPolygon, or Point with <c>radius</c>; targets, <c>beat</c>, <c>validFrom</c>.</summary>
    public static MapReadResult<PriorityLocation> ReadLocations(Stream stream, string sourceName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Read(stream, sourceName, feature =>
        {
            var (location, message) = MapFeatures.ToLocation(feature.Attributes, MapFeatures.Id(feature.Attributes, feature.Id), feature.Geometry);
            return (location, message ?? MapFeatures.Duplicate(seen, MapFeatures.VersionKey(location!)));
        });
    }

    /// <summary>Police stations: Point features with <c>id</c> and <c>name</c>.</summary>
    public static MapReadResult<Station> ReadStations(Stream stream, string sourceName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Read(stream, sourceName, feature =>
        {
            var (station, message) = MapFeatures.ToStation(feature.Attributes, MapFeatures.Id(feature.Attributes, feature.Id), feature.Geometry);
            return (station, message ?? MapFeatures.Duplicate(seen, station!.Id));
        });
    }

    /// <summary>
    /// Water: Polygon or MultiPolygon surfaces and LineString or MultiLineString centre lines with an optional
    /// <c>name</c>. Without an id, a feature is named after its index ("feature-3"), as roads are.
    /// </summary>
    public static MapReadResult<WaterFeature> ReadWater(Stream stream, string sourceName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Read(stream, sourceName, feature =>
        {
            var id = MapFeatures.Id(feature.Attributes, feature.Id) ?? string.Create(CultureInfo.InvariantCulture, $"feature-{feature.Index}");
            var (water, message) = MapFeatures.ToWater(feature.Attributes, id, feature.Geometry);
            return (water, message ?? MapFeatures.Duplicate(seen, id));
        });
    }

    /// <summary>
    /// Roads: LineString features (a MultiLineString becomes one road per part, ids <c>id#1</c>,
    /// <c>id#2</c>…) with OpenStreetMap tags <c>highway</c>, <c>name</c>, <c>maxspeed</c>,
    /// <c>oneway</c> (and <c>junction=roundabout</c>, which makes a road one way). Without an
    /// id, a road is named after its index ("feature-12"). Highway values vehicles do not drive
    /// are skipped and counted; unknown ones are problems too.
    /// </summary>
    /// <remarks>
    /// Unlike an OSM extract, a GeoJSON motorway without <c>oneway</c> is two-way, as the maps
    /// format says (absent means both ways); demo and hand-drawn maps draw motorways as one line.
    /// </remarks>
    public static MapReadResult<Road> ReadRoads(Stream stream, string sourceName)
    {
        var roads = new List<Road>();
        var problems = new List<MapProblem>();
        var skipped = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in Features(stream, sourceName, problems))
        {
            var attributes = feature.Attributes;
            var subject = feature.Subject;
            var highway = attributes.Text("highway");
            var (kind, roadClass) = RoadTags.Classify(highway);
            if (kind != RoadTags.Kind.Drivable)
            {
                skipped++;
                if (kind == RoadTags.Kind.Unknown)
                {
                    problems.Add(new MapProblem(sourceName, subject, highway is null ? "no 'highway' property" : $"unknown highway '{highway}'"));
                }

                continue;
            }

            var lines = feature.Geometry switch
            {
                LineString line => [line],
                MultiLineString multi => multi.Geometries.Cast<LineString>().ToArray(),
                _ => null,
            };
            if (lines is null)
            {
                problems.Add(new MapProblem(sourceName, subject, $"a road must be a LineString or MultiLineString, got a {feature.Geometry.GeometryType}"));
                continue;
            }

            if (MapValidation.CheckCoordinates(feature.Geometry) is { } range)
            {
                problems.Add(new MapProblem(sourceName, subject, range));
                continue;
            }

            var id = MapFeatures.Id(attributes, feature.Id) ?? string.Create(CultureInfo.InvariantCulture, $"feature-{feature.Index}");
            if (MapFeatures.Duplicate(seen, id) is { } duplicate)
            {
                problems.Add(new MapProblem(sourceName, subject, duplicate));
                continue;
            }

            var (oneWay, reverse) = RoadTags.Direction(attributes.Text("oneway"), RoadTags.ImpliesOneWay(null, attributes.Text("junction")));
            var speed = RoadTags.Speed(roadClass, attributes.Text("maxspeed"));
            var name = attributes.Text("name");
            for (var part = 0; part < lines.Length; part++)
            {
                var line = lines[part];
                if (line.NumPoints < 2)
                {
                    problems.Add(new MapProblem(sourceName, subject, $"part {part + 1} has fewer than 2 points"));
                    continue;
                }

                if (reverse)
                {
                    line = (LineString)line.Reverse();
                }

                var partId = lines.Length == 1 ? id : string.Create(CultureInfo.InvariantCulture, $"{id}#{part + 1}");
                roads.Add(new Road(partId, name, roadClass, speed, oneWay, line));
            }
        }

        return new MapReadResult<Road>(roads, problems, skipped);
    }

    /// <summary>Reads every feature with <paramref name="convert"/>, which gives the item or the problem with it.</summary>
    private static MapReadResult<T> Read<T>(Stream stream, string sourceName, Func<GeoJsonFeature, (T? Item, string? Problem)> convert)
        where T : class
    {
        var items = new List<T>();
        var problems = new List<MapProblem>();
        foreach (var feature in Features(stream, sourceName, problems))
        {
            var (item, problem) = convert(feature);
            if (problem is not null)
            {
                problems.Add(new MapProblem(sourceName, feature.Subject, problem));
            }
            else if (item is not null)
            {
                items.Add(item);
            }
        }

        return new MapReadResult<T>(items, problems);
    }

    /// <summary>The features whose geometry could be read; the others are added to <paramref name="problems"/>.</summary>
    private static List<GeoJsonFeature> Features(Stream stream, string sourceName, List<MapProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new MapFormatException($"{sourceName}: not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            JsonElement[] elements;
            if (type == "FeatureCollection" && root.TryGetProperty("features", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                elements = [.. array.EnumerateArray()];
            }
            else if (type == "Feature")
            {
                elements = [root];
            }
            else
            {
                throw new MapFormatException($"{sourceName}: not a GeoJSON FeatureCollection (expected an object with \"type\": \"FeatureCollection\" and a \"features\" array)");
            }

            var features = new List<GeoJsonFeature>(elements.Length);
            for (var index = 0; index < elements.Length; index++)
            {
                var (feature, subject, problem) = ReadFeature(elements[index], index);
                if (feature is not null)
                {
                    features.Add(feature);
                }
                else
                {
                    problems.Add(new MapProblem(sourceName, subject, problem!));
                }
            }

            return features;
        }
    }

    /// <summary>The feature, or the problem with it; either way the subject that names it ("feature 3 ('B7')").</summary>
    private static (GeoJsonFeature? Feature, string Subject, string? Problem) ReadFeature(JsonElement element, int index)
    {
        var subject = string.Create(CultureInfo.InvariantCulture, $"feature {index}");
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, subject, "not a JSON object");
        }

        var attributes = new MapAttributes();
        if (element.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                attributes.TryAdd(property.Name, Text(property.Value));
            }
        }

        var id = element.TryGetProperty("id", out var featureId) ? Text(featureId) : null;
        if (MapFeatures.Id(attributes, id) is { } knownId)
        {
            subject += $" ('{knownId}')";
        }

        if (!element.TryGetProperty("geometry", out var geometryElement) || geometryElement.ValueKind != JsonValueKind.Object)
        {
            return (null, subject, "no geometry");
        }

        if (CheckRings(geometryElement) is { } ringProblem)
        {
            return (null, subject, ringProblem);
        }

        Geometry? geometry;
        try
        {
            geometry = geometryElement.Deserialize<Geometry>(GeometryOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return (null, subject, $"unreadable geometry: {e.Message}");
        }

        if (geometry is null || geometry.IsEmpty)
        {
            return (null, subject, "empty geometry");
        }

        return (new GeoJsonFeature(index, subject, id, attributes, geometry), subject, null);
    }

    /// <summary>
    /// Checks polygon rings before NTS sees them, so an unclosed or too short ring gets a plain
    /// message rather than a geometry library's exception text.
    /// </summary>
    private static string? CheckRings(JsonElement geometry)
    {
        if (!geometry.TryGetProperty("type", out var type) || !geometry.TryGetProperty("coordinates", out var coordinates)
            || coordinates.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        switch (type.ValueKind == JsonValueKind.String ? type.GetString() : null)
        {
            case "Polygon":
                return CheckPolygonRings(coordinates, "Polygon");
            case "MultiPolygon":
                var part = 0;
                foreach (var polygon in coordinates.EnumerateArray())
                {
                    part++;
                    if (polygon.ValueKind == JsonValueKind.Array && CheckPolygonRings(polygon, $"MultiPolygon part {part}") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string? CheckPolygonRings(JsonElement rings, string what)
    {
        var number = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            number++;
            var which = number == 1 ? "outer ring" : $"inner ring {number - 1}";
            if (ring.ValueKind != JsonValueKind.Array)
            {
                return $"{what} {which} is not an array of positions";
            }

            var count = ring.GetArrayLength();
            if (count < 4)
            {
                return $"{what} {which} has {count} positions; a ring needs at least 4 (the first repeated at the end)";
            }

            if (!SamePosition(ring[0], ring[count - 1]))
            {
                return $"{what} ring not closed: the {which}'s last position must repeat its first";
            }
        }

        return number == 0 ? $"{what} has no rings" : null;
    }

    private static bool SamePosition(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != JsonValueKind.Array || b.ValueKind != JsonValueKind.Array || a.GetArrayLength() < 2 || b.GetArrayLength() < 2)
        {
            // Malformed positions: the geometry converter reports them.
            return true;
        }

        return a[0].ValueKind == JsonValueKind.Number && b[0].ValueKind == JsonValueKind.Number
            && a[1].ValueKind == JsonValueKind.Number && b[1].ValueKind == JsonValueKind.Number
            && a[0].GetDouble() == b[0].GetDouble() && a[1].GetDouble() == b[1].GetDouble();
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static JsonSerializerOptions CreateGeometryOptions()
    {
        var options = new JsonSerializerOptions
        {
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.Converters.Add(new GeoJsonConverterFactory(MapGeometry.Factory));
        return options;
    }

    private sealed record GeoJsonFeature(int Index, string Subject, string? Id, MapAttributes Attributes, Geometry Geometry);
}
