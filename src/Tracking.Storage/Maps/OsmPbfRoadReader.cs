using OsmSharp;
using OsmSharp.Streams;
using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// Reads roads from an OpenStreetMap PBF extract (<c>.osm.pbf</c>, as Geofabrik and osmium write
/// them), decoded by OsmSharp. Same rules and output as <see cref="OsmXmlRoadReader"/>.
/// Thread-safe: static, no state.
/// </summary>
public static class OsmPbfRoadReader
{
    // PBF stores positions as integers of 100 nanodegrees by default (granularity 100), i.e. 7
    // decimals; the decoder's floating-point scaling leaves noise past that. Rounding gives each
    // node the double the same 7-decimal value parses to from an .osm file.
    private const int Decimals = 7;

    public static MapReadResult<Road> Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var builder = new OsmRoadBuilder(sourceName);
        try
        {
            var any = false;
            using var source = new PBFOsmStreamSource(stream);
            foreach (var element in source)
            {
                any = true;
                switch (element)
                {
                    case Node { Id: { } id, Latitude: { } lat, Longitude: { } lon } when element.Visible != false:
                        builder.AddNode(id, Math.Round(lon, Decimals), Math.Round(lat, Decimals));
                        break;
                    case Way { Id: { } id, Nodes: { } nodes } way when element.Visible != false:
                        builder.AddWay(id, nodes, key => way.Tags is { } tags && tags.TryGetValue(key, out var value) ? value : null);
                        break;
                }
            }

            if (!any && stream.CanSeek && stream.Length > 0)
            {
                throw new MapFormatException($"{sourceName}: no OpenStreetMap data could be read; is it an .osm.pbf file?");
            }
        }
        catch (Exception e) when (e is not MapFormatException and not OutOfMemoryException and not OperationCanceledException)
        {
            // OsmSharp reports a damaged or foreign file with whatever its protobuf or zlib layer throws.
            throw new MapFormatException($"{sourceName}: not a readable OpenStreetMap PBF file ({e.GetType().Name}: {e.Message})", e);
        }

        return builder.Build();
    }
}
