namespace Tracking.Server.Tests.Web;

/// <summary>
/// A river for <see cref="Patrol.TestMap"/>, which has no water of its own, so the page has a water layer to draw: a
/// surface about 40 m wide running north to south near the map's western edge, and its centre line. London Road
/// (<see cref="WebTestRoads"/>) crosses it.
/// </summary>
public static class WebTestWater
{
    public const int Count = 2;

    public static void WriteTo(string mapDirectory) => File.WriteAllText(Path.Combine(mapDirectory, "water.geojson"), """
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[-1.1494, 52.615], [-1.1488, 52.615], [-1.1488, 52.645], [-1.1494, 52.645], [-1.1494, 52.615]]]},
         "properties": {"name": "Test river"}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[-1.1491, 52.615], [-1.1491, 52.63], [-1.1491, 52.645]]},
         "properties": {"id": "test-river-line", "name": "Test river"}}
        ]}
        """);
}
