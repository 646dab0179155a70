namespace Tracking.Server.Command;

/// <summary>A GeoJSON Point (RFC 7946): coordinates are [longitude, latitude].</summary>
internal sealed record GeoPoint(double[] Coordinates)
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Serialized: GeoJSON needs the member.")]
    public string Type => "Point";

    public static GeoPoint Of(double longitude, double latitude) => new([longitude, latitude]);
}
