using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Tracking.Storage.Maps;

/// <summary>
/// The one geometry factory of imported maps (WGS84, SRID 4326, full double precision, so
/// coordinates keep every bit the file had) and the WKB form geometries travel to PostGIS in.
/// Thread-safe: the factory is immutable and each call makes its own WKB reader/writer.
/// </summary>
internal static class MapGeometry
{
    public const int Srid = 4326;

    private static readonly NtsGeometryServices Services = new(PrecisionModel.Floating.Value, Srid);

    public static GeometryFactory Factory { get; } = Services.CreateGeometryFactory(Srid);

    /// <summary>Little-endian 2D WKB without SRID (PostGIS is told 4326 by <c>ST_GeomFromWKB(…, 4326)</c>).</summary>
    public static byte[] ToWkb(Geometry geometry) =>
        new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false).Write(geometry);

    public static Geometry FromWkb(byte[] wkb) => new WKBReader(Services).Read(wkb);
}
