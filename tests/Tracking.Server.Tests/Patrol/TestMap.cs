using System.Globalization;

namespace Tracking.Server.Tests.Patrol;

/// <summary>
/// A small force map near Leicester written to a temporary directory in the maps/README.md
/// format: two beats side by side, a polygon priority location in the west beat and a point
/// location with a 50 m radius in the east beat.
/// </summary>
public sealed class TestMap : IDisposable
{
    public const double Latitude = 52.63;

    public TestMap()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("tracking-map-").FullName;
        Write("map.json", """{"name": "Test force", "projection": "EPSG:27700"}""");
        Write("beats.geojson", Collection(
            Polygon("WEST", "West beat", -1.15, 52.62, -1.13, 52.64, """ "team": "West NPT" """),
            Polygon("EAST", "East beat", -1.13, 52.62, -1.11, 52.64, """ "team": "East NPT" """)));
        Write("locations.geojson", Collection(
            Polygon("PARK", "Test park", -1.142, 52.628, -1.138, 52.632, """ "visitsPerDay": 3, "minutesPerDay": 30, "beat": "WEST" """),
            """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-1.12, 52.63]}, "properties": {"id": "ATM", "name": "Cash machine", "radius": 50, "visitsPerDay": 2, "beat": "EAST"}}"""));
        Write("stations.geojson", Collection(
            """{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-1.135, 52.625]}, "properties": {"id": "HQ", "name": "Headquarters"}}"""));
        Write("roads.geojson", Collection());
    }

    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(Directory, name), text);

    private static string Collection(params string[] features) =>
        """{"type": "FeatureCollection", "features": [""" + string.Join(",\n", features) + "]}";

    private static string Polygon(string id, string name, double west, double south, double east, double north, string extra) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $$$"""{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[{{{west}}}, {{{south}}}], [{{{east}}}, {{{south}}}], [{{{east}}}, {{{north}}}], [{{{west}}}, {{{north}}}], [{{{west}}}, {{{south}}}]]]}, "properties": {"id": "{{{id}}}", "name": "{{{name}}}", {{{extra}}}}}""");
}
