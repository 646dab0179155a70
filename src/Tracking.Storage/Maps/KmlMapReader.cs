using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// Reads beats, priority locations and stations from OGC KML 2.2 (as police.uk publishes
/// neighbourhood boundaries) or KMZ (a zip holding the KML). Every Placemark in the document is a
/// feature, however deep in Folders and Documents. Thread-safe: static, no state.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Geometry: <c>Polygon</c> (<c>outerBoundaryIs</c>, any <c>innerBoundaryIs</c>), <c>MultiGeometry</c>
/// of polygons (a MultiPolygon) and <c>Point</c>. KML coordinates are <c>lon,lat[,alt]</c> tuples separated
/// by whitespace (KML 2.2 §16.9); altitude is dropped.</item>
/// <item>Properties: the <c>name</c> element, and <c>ExtendedData</c> as <c>Data name="…"</c>/<c>value</c> or
/// <c>SchemaData</c>/<c>SimpleData name="…"</c>, with the names of the maps format (<c>id</c>, <c>radius</c>,
/// <c>visitsPerDay</c>, <c>minutesPerDay</c>, <c>team</c>, <c>station</c>, <c>beat</c>, <c>validFrom</c>).</item>
/// <item>Id: the <c>id</c> property, else the Placemark's <c>id</c> attribute, else its name (a police.uk
/// boundary file holds one unnamed-id Placemark per neighbourhood).</item>
/// </list>
/// Problems name the Placemark by its 0-based index in document order, and its name when it has one.
/// </remarks>
public static class KmlMapReader
{
    /// <summary>Micro-beats (neighbourhoods): Polygon or MultiGeometry Placemarks.</summary>
    public static MapReadResult<Beat> ReadBeats(Stream stream, string sourceName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Read(stream, sourceName, (attributes, id, geometry) =>
        {
            var (beat, problem) = MapFeatures.ToBeat(attributes, id, geometry);
            return (beat, problem ?? MapFeatures.Duplicate(seen, beat!.Id));
        });
    }

    /// <summary>Priority locations: polygons, or Points with a <c>radius</c> in ExtendedData.</summary>
    public static MapReadResult<PriorityLocation> ReadLocations(Stream stream, string sourceName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Read(stream, sourceName, (attributes, id, geometry) =>
        {
            var (location, problem) = MapFeatures.ToLocation(attributes, id, geometry);
            return (location, problem ?? MapFeatures.Duplicate(seen, MapFeatures.VersionKey(location!)));
        });
    }

    /// <summary>Police stations: Point Placemarks.</summary>
    public static MapReadResult<Station> ReadStations(Stream stream, string sourceName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Read(stream, sourceName, (attributes, id, geometry) =>
        {
            var (station, problem) = MapFeatures.ToStation(attributes, id, geometry);
            return (station, problem ?? MapFeatures.Duplicate(seen, station!.Id));
        });
    }

    private static MapReadResult<T> Read<T>(Stream stream, string sourceName, Func<MapAttributes, string?, Geometry, (T? Item, string? Problem)> convert)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        var root = LoadRoot(stream, sourceName);
        var items = new List<T>();
        var problems = new List<MapProblem>();
        var index = 0;
        foreach (var placemark in root.Descendants().Where(e => e.Name.LocalName == "Placemark"))
        {
            var name = Child(placemark, "name")?.Value.Trim();
            var subject = string.IsNullOrEmpty(name)
                ? string.Create(CultureInfo.InvariantCulture, $"placemark {index}")
                : string.Create(CultureInfo.InvariantCulture, $"placemark {index} '{name}'");
            index++;

            var attributes = Attributes(placemark, name);
            var id = MapFeatures.Id(attributes, placemark.Attribute("id")?.Value) ?? name;
            var (geometry, geometryProblem) = ReadGeometry(placemark);
            if (geometry is null)
            {
                problems.Add(new MapProblem(sourceName, subject, geometryProblem!));
                continue;
            }

            var (item, problem) = convert(attributes, string.IsNullOrWhiteSpace(id) ? null : id, geometry);
            if (problem is not null)
            {
                problems.Add(new MapProblem(sourceName, subject, problem));
            }
            else if (item is not null)
            {
                items.Add(item);
            }
        }

        return new MapReadResult<T>(items, problems);
    }

    private static XElement LoadRoot(Stream stream, string sourceName)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false };
        XDocument document;
        try
        {
            var kml = OpenKml(stream, sourceName);
            using var reader = XmlReader.Create(kml, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new MapFormatException($"{sourceName}: not valid XML ({e.Message})", e);
        }
        catch (InvalidDataException e)
        {
            throw new MapFormatException($"{sourceName}: not a valid KMZ (zip) file ({e.Message})", e);
        }

        var root = document.Root!;
        if (root.Name.LocalName != "kml")
        {
            throw new MapFormatException($"{sourceName}: not a KML document (the root element is '{root.Name.LocalName}', expected 'kml')");
        }

        return root;
    }

    /// <summary>The KML text: the stream itself, or a KMZ's main document (doc.kml, else its first .kml entry).</summary>
    private static Stream OpenKml(Stream stream, string sourceName)
    {
        var buffered = stream;
        if (!stream.CanSeek)
        {
            buffered = new MemoryStream();
            stream.CopyTo(buffered);
            buffered.Position = 0;
        }

        var start = buffered.Position;
        Span<byte> magic = stackalloc byte[4];
        var read = buffered.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        buffered.Position = start;
        if (read < 4 || magic[0] != (byte)'P' || magic[1] != (byte)'K' || magic[2] != 3 || magic[3] != 4)
        {
            return buffered;
        }

        using var zip = new ZipArchive(buffered, ZipArchiveMode.Read, leaveOpen: true);
        var entry = zip.GetEntry("doc.kml")
            ?? zip.Entries.FirstOrDefault(e => e.FullName.EndsWith(".kml", StringComparison.OrdinalIgnoreCase))
            ?? throw new MapFormatException($"{sourceName}: a KMZ without a .kml document inside");
        var kml = new MemoryStream();
        using (var entryStream = entry.Open())
        {
            entryStream.CopyTo(kml);
        }

        kml.Position = 0;
        return kml;
    }

    private static MapAttributes Attributes(XElement placemark, string? name)
    {
        var attributes = new MapAttributes();
        if (Child(placemark, "ExtendedData") is { } extended)
        {
            foreach (var data in extended.Elements().Where(e => e.Name.LocalName == "Data"))
            {
                if (data.Attribute("name")?.Value is { } key)
                {
                    attributes.TryAdd(key, Child(data, "value")?.Value);
                }
            }

            foreach (var simple in extended.Elements().Where(e => e.Name.LocalName == "SchemaData").Elements().Where(e => e.Name.LocalName == "SimpleData"))
            {
                if (simple.Attribute("name")?.Value is { } key)
                {
                    attributes.TryAdd(key, simple.Value);
                }
            }
        }

        // The name element is the Placemark's own name; an ExtendedData "name" (added first) wins over it.
        attributes.TryAdd("name", name);
        return attributes;
    }

    private static (Geometry? Geometry, string? Problem) ReadGeometry(XElement placemark)
    {
        var element = placemark.Elements().FirstOrDefault(e => e.Name.LocalName is "Point" or "Polygon" or "MultiGeometry"
            or "LineString" or "LinearRing" or "Model" or "Track" or "MultiTrack");
        if (element is null)
        {
            return (null, "no geometry (Polygon, MultiGeometry or Point)");
        }

        try
        {
            return (ToGeometry(element), null);
        }
        catch (KmlGeometryException e)
        {
            return (null, e.Message);
        }
    }

    private static Geometry ToGeometry(XElement element)
    {
        switch (element.Name.LocalName)
        {
            case "Point":
                var point = Coordinates(element);
                if (point.Length != 1)
                {
                    throw new KmlGeometryException($"a Point needs exactly 1 coordinate tuple, found {point.Length}");
                }

                return MapGeometry.Factory.CreatePoint(point[0]);
            case "Polygon":
                return ToPolygon(element);
            case "MultiGeometry":
                var parts = element.Elements().Where(e => e.Name.LocalName is not ("extrude" or "tessellate" or "altitudeMode"))
                    .Select(ToGeometry).ToList();
                var polygons = new List<Polygon>();
                foreach (var part in parts)
                {
                    switch (part)
                    {
                        case Polygon polygon:
                            polygons.Add(polygon);
                            break;
                        case MultiPolygon multi:
                            polygons.AddRange(multi.Geometries.Cast<Polygon>());
                            break;
                        case Point when parts.Count == 1:
                            return part;
                        default:
                            throw new KmlGeometryException($"a MultiGeometry must hold polygons only, found a {part.GeometryType}");
                    }
                }

                return polygons.Count switch
                {
                    0 => throw new KmlGeometryException("an empty MultiGeometry"),
                    1 => polygons[0],
                    _ => MapGeometry.Factory.CreateMultiPolygon([.. polygons]),
                };
            default:
                throw new KmlGeometryException($"unsupported geometry '{element.Name.LocalName}': beats and locations are Polygon, MultiGeometry of polygons, or Point");
        }
    }

    private static Polygon ToPolygon(XElement polygon)
    {
        var outer = Child(polygon, "outerBoundaryIs") is { } outerBoundary && Child(outerBoundary, "LinearRing") is { } outerRing
            ? Ring(outerRing, "outer ring")
            : throw new KmlGeometryException("a Polygon without outerBoundaryIs/LinearRing");
        var holes = new List<LinearRing>();
        foreach (var innerBoundary in polygon.Elements().Where(e => e.Name.LocalName == "innerBoundaryIs"))
        {
            foreach (var ring in innerBoundary.Elements().Where(e => e.Name.LocalName == "LinearRing"))
            {
                holes.Add(Ring(ring, $"inner ring {holes.Count + 1}"));
            }
        }

        return MapGeometry.Factory.CreatePolygon(outer, [.. holes]);
    }

    private static LinearRing Ring(XElement ring, string which)
    {
        var coordinates = Coordinates(ring);
        if (coordinates.Length < 4)
        {
            throw new KmlGeometryException($"Polygon {which} has {coordinates.Length} positions; a ring needs at least 4 (the first repeated at the end)");
        }

        if (!coordinates[0].Equals2D(coordinates[^1]))
        {
            throw new KmlGeometryException($"Polygon ring not closed: the {which}'s last position must repeat its first");
        }

        return MapGeometry.Factory.CreateLinearRing(coordinates);
    }

    /// <summary>The <c>coordinates</c> child's tuples: "lon,lat[,alt]" separated by any whitespace.</summary>
    private static Coordinate[] Coordinates(XElement element)
    {
        var text = Child(element, "coordinates")?.Value
            ?? throw new KmlGeometryException($"a {element.Name.LocalName} without coordinates");
        var tuples = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var coordinates = new Coordinate[tuples.Length];
        for (var i = 0; i < tuples.Length; i++)
        {
            var parts = tuples[i].Split(',');
            if (parts.Length is < 2 or > 3
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
            {
                throw new KmlGeometryException($"coordinate tuple '{tuples[i]}' is not lon,lat[,alt]");
            }

            var coordinate = new Coordinate(lon, lat);
            if (MapValidation.CheckCoordinates(MapGeometry.Factory.CreatePoint(coordinate)) is { } range)
            {
                throw new KmlGeometryException(range);
            }

            coordinates[i] = coordinate;
        }

        return coordinates;
    }

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>A Placemark's geometry that cannot be used; caught per Placemark and turned into a problem.</summary>
    private sealed class KmlGeometryException(string message) : Exception(message);
}
