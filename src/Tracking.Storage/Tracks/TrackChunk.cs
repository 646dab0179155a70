namespace Tracking.Storage.Tracks;

/// <summary>
/// Consecutive fixes of one device within one local day and a small area, led by their predecessor when
/// <see cref="StartsWithPredecessor"/>: every segment that ends at one of the chunk's own fixes lies inside its box.
/// </summary>
/// <param name="Day">The local (Europe/London) day of the chunk's own fixes.</param>
/// <param name="Points">The predecessor, if any, then the chunk's own fixes, in increasing time.</param>
/// <param name="StartsWithPredecessor">Whether <paramref name="Points"/>[0] is the fix before the chunk's first own fix.</param>
public sealed record TrackChunk(DateOnly Day, StoredPoint[] Points, bool StartsWithPredecessor)
{
    public double MinLongitude => Points.Min(p => p.Longitude);

    public double MaxLongitude => Points.Max(p => p.Longitude);

    public double MinLatitude => Points.Min(p => p.Latitude);

    public double MaxLatitude => Points.Max(p => p.Latitude);

    /// <summary>The own fixes (without the predecessor).</summary>
    public int OwnFixes => Points.Length - (StartsWithPredecessor ? 1 : 0);
}
