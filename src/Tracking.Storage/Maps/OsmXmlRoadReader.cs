using System.Globalization;
using System.Xml;
using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// Reads roads from an OpenStreetMap XML extract (<c>.osm</c>, API 0.6 format): <c>node</c>
/// elements (id, lat, lon) and <c>way</c> elements (<c>nd ref</c>, <c>tag k v</c>); relations
/// are ignored. One <see cref="Road"/> per drivable way, id = the way id. Streams the file
/// (XmlReader), so only the nodes' coordinates are held. Thread-safe: static, no state.
/// </summary>
/// <remarks>
/// Tags read: <c>highway</c> (class; <c>_link</c>s as their road; non-drivable values skipped and
/// counted, unknown ones also reported), <c>oneway</c> (<c>yes</c>/<c>true</c>/<c>1</c>, <c>-1</c>
/// reverses the line, <c>no</c>; absent means one way for <c>highway=motorway</c> and
/// <c>junction=roundabout</c>), <c>maxspeed</c> (see <see cref="OsmSpeed"/>), <c>name</c> (else
/// <c>ref</c>). Elements an editor marked <c>action="delete"</c> or <c>visible="false"</c> are left out.
/// </remarks>
public static class OsmXmlRoadReader
{
    public static MapReadResult<Road> Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var builder = new OsmRoadBuilder(sourceName);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "osm")
            {
                throw new MapFormatException($"{sourceName}: not an OpenStreetMap XML file (the root element is '{reader.LocalName}', expected 'osm')");
            }

            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "node":
                        ReadNode(reader, builder);
                        break;
                    case "way":
                        ReadWay(reader, builder);
                        break;
                }
            }
        }
        catch (XmlException e)
        {
            throw new MapFormatException($"{sourceName}: not valid XML ({e.Message})", e);
        }

        return builder.Build();
    }

    private static void ReadNode(XmlReader reader, OsmRoadBuilder builder)
    {
        if (Deleted(reader))
        {
            return;
        }

        // A node without a usable position cannot be placed; the ways through it report it as missing.
        if (long.TryParse(reader.GetAttribute("id"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            && double.TryParse(reader.GetAttribute("lat"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(reader.GetAttribute("lon"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            && lat is >= -90 and <= 90 && lon is >= -180 and <= 180)
        {
            builder.AddNode(id, lon, lat);
        }
    }

    private static void ReadWay(XmlReader reader, OsmRoadBuilder builder)
    {
        var idText = reader.GetAttribute("id");
        var deleted = Deleted(reader);
        var nodeIds = new List<long>();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var badRef = false;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read() && reader.Depth > depth)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName == "nd")
                {
                    if (long.TryParse(reader.GetAttribute("ref"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nodeId))
                    {
                        nodeIds.Add(nodeId);
                    }
                    else
                    {
                        badRef = true;
                    }
                }
                else if (reader.LocalName == "tag" && reader.GetAttribute("k") is { } key && reader.GetAttribute("v") is { } value)
                {
                    tags[key] = value;
                }
            }
        }

        if (deleted)
        {
            return;
        }

        if (!long.TryParse(idText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            if (tags.ContainsKey("highway"))
            {
                builder.Problem(0, $"a highway way with an unreadable id '{idText}', skipped");
            }

            return;
        }

        if (badRef && tags.ContainsKey("highway"))
        {
            builder.Problem(id, "a node reference is not a number; the way is read without it");
        }

        builder.AddWay(id, [.. nodeIds], key => tags.GetValueOrDefault(key));
    }

    private static bool Deleted(XmlReader reader) =>
        reader.GetAttribute("action") == "delete" || reader.GetAttribute("visible") == "false";
}
