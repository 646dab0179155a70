namespace Tracking.Server.Tests.Web;

/// <summary>
/// Three roads for <see cref="Patrol.TestMap"/>, whose own road file is empty, so the page has a road layer to draw:
/// an east-west primary road and a north-south residential street that meet at (-1.13, 52.63), and a service
/// road. Recommendations then come over the road network.
/// </summary>
public static class WebTestRoads
{
    public const int Count = 3;

    public static void WriteTo(string mapDirectory) => File.WriteAllText(Path.Combine(mapDirectory, "roads.geojson"), """
        {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[-1.15, 52.63], [-1.13, 52.63], [-1.11, 52.63]]},
         "properties": {"id": "R1", "name": "London Road", "highway": "primary", "maxspeed": "30 mph"}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[-1.13, 52.62], [-1.13, 52.63], [-1.13, 52.64]]},
         "properties": {"id": "R2", "name": "Church Street", "highway": "residential"}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[-1.13, 52.63], [-1.12, 52.635]]},
         "properties": {"id": "R3", "name": "Yard Lane", "highway": "service"}}
        ]}
        """);
}
