namespace Tracking.Simulator.Cad;

/// <summary>A GeoJSON Point (RFC 7946): <c>coordinates</c> is [longitude, latitude], WGS84 degrees.</summary>
public sealed record GeoJsonPoint(string Type, IReadOnlyList<double> Coordinates)
{
    public static GeoJsonPoint At(double longitude, double latitude) => new("Point", [longitude, latitude]);

    public double Longitude => Coordinates.Count > 0 ? Coordinates[0] : double.NaN;

    public double Latitude => Coordinates.Count > 1 ? Coordinates[1] : double.NaN;
}
