using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using Tracking.Core.Geo.Maps;

namespace Tracking.MapGenerator;

/// <summary>
/// Writes a force map as a map directory (<c>maps/README.md</c>): <c>map.json</c> and one GeoJSON
/// FeatureCollection per layer, one feature per line in a stable order, LF line ends, UTF-8
/// without a byte order mark, so a changed map diffs line by line. Coordinates are written as
/// they are held (the generator rounds them to 7 decimals). Thread-safe: no shared state.
/// </summary>
public static class ForceMapWriter
{
    private const double MetresPerSecondPerMph = 0.44704;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // The format keeps "id" among the properties, so the library's top-level feature id is tied to
    // an attribute name no layer uses; rings are oriented by the generator already.
    private static readonly JsonSerializerOptions GeoJson = new()
    {
        Converters = { new GeoJsonConverterFactory(Drawing.LonLatRounder.Factory, false, "_id", RingOrientationOption.DoNotModify) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions Pretty = new()
    {
        Indented = true,
        IndentSize = 4,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes a generated area (map and water) into <paramref name="directory"/>, creating it if needed.</summary>
    public static void Write(GeneratedForceArea area, string directory)
    {
        ArgumentNullException.ThrowIfNull(area);
        Write(area.Map, area.Water, directory);
    }

    /// <summary>Writes <paramref name="map"/> and <paramref name="water"/> into <paramref name="directory"/>, creating it if needed.</summary>
    public static void Write(ForceMap map, IReadOnlyList<WaterFeature> water, string directory)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(water);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "map.json"), MapJson(map), Utf8);
        WriteLayer(directory, "beats.geojson", map.Beats.Select(BeatFeature));
        WriteLayer(directory, "locations.geojson", map.Locations.Select(LocationFeature));
        WriteLayer(directory, "stations.geojson", map.Stations.Select(s => new Feature(s.Position, Attributes(("id", s.Id), ("name", s.Name)))));
        WriteLayer(directory, "roads.geojson", map.Roads.Select(RoadFeature));
        WriteLayer(directory, "water.geojson", water.Select(w => new Feature(w.Shape, Attributes(("name", w.Name)))));
    }

    /// <summary>The OpenStreetMap <c>maxspeed</c> for a speed in m/s, in whole miles per hour ("30 mph").</summary>
    public static string MaxSpeed(double metresPerSecond) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(metresPerSecond / MetresPerSecondPerMph)} mph");

    private static string MapJson(ForceMap map)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Pretty))
        {
            writer.WriteStartObject();
            writer.WriteString("name", map.Name);
            writer.WriteString("projection", map.Projection.Name);
            writer.WriteEndObject();
        }

        return Utf8.GetString(stream.ToArray()) + "\n";
    }

    private static Feature BeatFeature(Beat beat) => new(beat.Area, Attributes(
        ("id", beat.Id), ("name", beat.Name), ("team", beat.Team), ("station", beat.Station)));

    private static Feature LocationFeature(PriorityLocation location) => new(location.Shape, Attributes(
        ("id", location.Id),
        ("name", location.Name),
        ("radius", location.IsCircle ? location.RadiusMetres : null),
        ("visitsPerDay", location.Targets.VisitsPerDay),
        ("minutesPerDay", location.Targets.MinutesPerDay),
        ("beat", location.BeatId),
        ("validFrom", location.ValidFrom == DateTimeOffset.MinValue
            ? null
            : location.ValidFrom.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))));

    private static Feature RoadFeature(Road road) => new(road.Line, Attributes(
        ("id", road.Id),
        ("name", road.Name),
        ("highway", RoadClasses.ToOsmHighway(road.Class)),
        ("maxspeed", MaxSpeed(road.SpeedMetresPerSecond)),
        ("oneway", road.OneWay ? "yes" : null)));

    /// <summary>Properties in the order given, leaving out the ones without a value.</summary>
    private static AttributesTable Attributes(params (string Name, object? Value)[] properties)
    {
        var table = new AttributesTable();
        foreach (var (name, value) in properties)
        {
            if (value is not null)
            {
                table.Add(name, value);
            }
        }

        return table;
    }

    private static void WriteLayer(string directory, string file, IEnumerable<Feature> features)
    {
        var text = new StringBuilder();
        text.Append("{\"type\":\"FeatureCollection\",\"features\":[\n");
        var first = true;
        foreach (var feature in features)
        {
            if (!first)
            {
                text.Append(",\n");
            }

            text.Append(JsonSerializer.Serialize(feature, GeoJson));
            first = false;
        }

        text.Append("\n]}\n");
        File.WriteAllText(Path.Combine(directory, file), text.ToString(), Utf8);
    }
}
