namespace Tracking.Core.Dispatch;

/// <summary>A unit's position both ways: WGS84 lon/lat (degrees) and the map projection's metres.</summary>
/// <param name="Longitude">Degrees east (x).</param>
/// <param name="Latitude">Degrees north (y).</param>
/// <param name="X">Metres east in the map's projection.</param>
/// <param name="Y">Metres north in the map's projection.</param>
public readonly record struct UnitPosition(double Longitude, double Latitude, double X, double Y)
{
    /// <summary>The position of a lon/lat point in <paramref name="projection"/>.</summary>
    public static UnitPosition FromLonLat(Geo.MapProjection projection, double longitude, double latitude)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var (x, y) = projection.Project(longitude, latitude);
        return new UnitPosition(longitude, latitude, x, y);
    }
}
