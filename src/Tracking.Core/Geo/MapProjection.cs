using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Tracking.Core.Geo;

/// <summary>
/// The plane the engine measures in: WGS84 longitude/latitude (degrees, x = longitude) to
/// metres east/north and back. Distances, radii, areas and interpolation along a segment are
/// all computed in this plane, never in degrees.
/// </summary>
/// <remarks>
/// Thread-safe: every thread gets its own ProjNet transform, because ProjNet's transforms
/// keep scratch state between calls.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001", Justification = "A projection lives as long as its map; the per-thread transforms hold no unmanaged resources.")]
public sealed class MapProjection
{
    /// <summary>The name for British National Grid, the projection of UK forces' maps.</summary>
    public const string BritishNationalGridName = "EPSG:27700";

    /// <summary>The name for a transverse Mercator centred on the map, for forces anywhere.</summary>
    public const string LocalName = "local";

    // EPSG:27700 parameters (Airy 1830 ellipsoid, OSGB36 datum with the published seven-parameter
    // shift from WGS84, which is good to a few metres: enough for patrol presence).
    private const string BritishNationalGridWkt =
        "PROJCS[\"OSGB 1936 / British National Grid\",GEOGCS[\"OSGB 1936\",DATUM[\"OSGB_1936\"," +
        "SPHEROID[\"Airy 1830\",6377563.396,299.3249646],TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489]]," +
        "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"]," +
        "PARAMETER[\"latitude_of_origin\",49],PARAMETER[\"central_meridian\",-2],PARAMETER[\"scale_factor\",0.9996012717]," +
        "PARAMETER[\"false_easting\",400000],PARAMETER[\"false_northing\",-100000],UNIT[\"metre\",1]]";

    private readonly ThreadLocal<(MathTransform Forward, MathTransform Inverse)> _transforms;

    private MapProjection(string name, Func<ProjectedCoordinateSystem> target)
    {
        Name = name;
        _transforms = new ThreadLocal<(MathTransform, MathTransform)>(() =>
        {
            var factory = new CoordinateTransformationFactory();
            var transform = factory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, target());
            var forward = transform.MathTransform;
            var inverse = factory.CreateFromCoordinateSystems(target(), GeographicCoordinateSystem.WGS84).MathTransform;
            return (forward, inverse);
        });
    }

    /// <summary>The projection's name as configured: <see cref="BritishNationalGridName"/> or "local(lon,lat)".</summary>
    public string Name { get; }

    /// <summary>British National Grid (EPSG:27700).</summary>
    public static MapProjection BritishNationalGrid { get; } = new(
        BritishNationalGridName,
        () => (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(BritishNationalGridWkt));

    /// <summary>
    /// A transverse Mercator on WGS84 whose central meridian and origin are the map's centre,
    /// with scale 1: within a force area (tens of kilometres) its scale error is under 0.01%.
    /// </summary>
    public static MapProjection Local(double centreLongitude, double centreLatitude)
    {
        if (!double.IsFinite(centreLongitude) || centreLongitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(centreLongitude), centreLongitude, "Longitude must be within -180..180 degrees.");
        }

        if (!double.IsFinite(centreLatitude) || centreLatitude is < -85 or > 85)
        {
            throw new ArgumentOutOfRangeException(nameof(centreLatitude), centreLatitude, "Latitude must be within -85..85 degrees.");
        }

        var name = FormattableString.Invariant($"{LocalName}({centreLongitude},{centreLatitude})");
        return new MapProjection(name, () =>
        {
            var parameters = new List<ProjectionParameter>
            {
                new("latitude_of_origin", centreLatitude),
                new("central_meridian", centreLongitude),
                new("scale_factor", 1.0),
                new("false_easting", 0.0),
                new("false_northing", 0.0),
            };
            var factory = new CoordinateSystemFactory();
            var projection = factory.CreateProjection("Transverse Mercator", "Transverse_Mercator", parameters);
            return factory.CreateProjectedCoordinateSystem(
                name, GeographicCoordinateSystem.WGS84, projection, LinearUnit.Metre,
                new AxisInfo("East", AxisOrientationEnum.East), new AxisInfo("North", AxisOrientationEnum.North));
        });
    }

    /// <summary>
    /// The projection a map names: <see cref="BritishNationalGridName"/>, or <see cref="LocalName"/>
    /// (or nothing) for a local transverse Mercator centred on <paramref name="extent"/>.
    /// </summary>
    public static MapProjection FromName(string? name, Envelope extent)
    {
        ArgumentNullException.ThrowIfNull(extent);
        if (string.IsNullOrWhiteSpace(name) || string.Equals(name, LocalName, StringComparison.OrdinalIgnoreCase))
        {
            var centre = extent.Centre;
            return Local(centre.X, centre.Y);
        }

        if (string.Equals(name, BritishNationalGridName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "BNG", StringComparison.OrdinalIgnoreCase))
        {
            return BritishNationalGrid;
        }

        throw new ArgumentException(
            $"Unknown map projection '{name}': use '{BritishNationalGridName}' (British National Grid) or '{LocalName}'.",
            nameof(name));
    }

    /// <summary>Longitude, latitude (degrees, WGS84) → easting, northing (metres).</summary>
    public (double X, double Y) Project(double longitude, double latitude) =>
        _transforms.Value.Forward.Transform(longitude, latitude);

    /// <summary>Easting, northing (metres) → longitude, latitude (degrees, WGS84).</summary>
    public (double Longitude, double Latitude) Unproject(double x, double y) =>
        _transforms.Value.Inverse.Transform(x, y);

    /// <summary>A copy of a lon/lat geometry in this projection's metres.</summary>
    public Geometry Project(Geometry lonLat)
    {
        ArgumentNullException.ThrowIfNull(lonLat);
        var copy = lonLat.Copy();
        copy.Apply(new CoordinateFilter(this, forward: true));
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>A copy of a geometry in this projection's metres, back in lon/lat degrees.</summary>
    public Geometry Unproject(Geometry metres)
    {
        ArgumentNullException.ThrowIfNull(metres);
        var copy = metres.Copy();
        copy.Apply(new CoordinateFilter(this, forward: false));
        copy.GeometryChanged();
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private sealed class CoordinateFilter(MapProjection projection, bool forward) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = forward
                    ? projection.Project(seq.GetX(i), seq.GetY(i))
                    : projection.Unproject(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
