using Tracking.Core.Analytics;

namespace Tracking.Storage.Tracks;

/// <summary>
/// Cuts one device's fixes into <see cref="TrackChunk"/>s: a new chunk at every local midnight, after
/// <see cref="TrackChunks.MaxFixes"/> own fixes, and before a fix that would make the box (predecessor included) wider or
/// taller than <see cref="TrackChunks.ExtentMetres"/>. Stateless.
/// </summary>
public static class TrackChunker
{
    // Metres per degree of latitude, and of longitude at the equator: only to size chunks, never to decide presence.
    private const double MetresPerDegree = 111_320;

    /// <summary>
    /// Adds the chunks of <paramref name="points"/>[<paramref name="firstOwn"/>..] to <paramref name="chunks"/>; the
    /// points before <paramref name="firstOwn"/> are the fixes before the range, of which the last is the first chunk's
    /// predecessor when it is no more than <see cref="TrackChunks.LongestSegment"/> before the first own fix.
    /// </summary>
    public static void Cut(IReadOnlyList<StoredPoint> points, int firstOwn, List<TrackChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(chunks);
        StoredPoint? predecessor = firstOwn > 0 ? points[firstOwn - 1] : null;
        var current = new List<StoredPoint>();
        var hasPredecessor = false;
        var own = 0;
        double minLon = 0, maxLon = 0, minLat = 0, maxLat = 0;
        var days = new LocalDayCursor(LocalCalendar.London);
        var day = default(DateOnly);

        for (var i = firstOwn; i < points.Count; i++)
        {
            var point = points[i];
            var pointDay = days.DayOf(point.Ticks);
            if (pointDay != day)
            {
                if (own > 0)
                {
                    Flush();
                }

                day = pointDay;
            }

            if (own > 0 && (own == TrackChunks.MaxFixes || TooWide(point)))
            {
                Flush();
            }

            if (own == 0)
            {
                hasPredecessor = predecessor is { } p && point.Ticks - p.Ticks <= TrackChunks.LongestSegment.Ticks;
                var first = hasPredecessor ? predecessor!.Value : point;
                (minLon, maxLon, minLat, maxLat) = (first.Longitude, first.Longitude, first.Latitude, first.Latitude);
                if (hasPredecessor)
                {
                    current.Add(predecessor!.Value);
                }
            }

            current.Add(point);
            own++;
            (minLon, maxLon) = (Math.Min(minLon, point.Longitude), Math.Max(maxLon, point.Longitude));
            (minLat, maxLat) = (Math.Min(minLat, point.Latitude), Math.Max(maxLat, point.Latitude));
        }

        if (own > 0)
        {
            Flush();
        }

        void Flush()
        {
            chunks.Add(new TrackChunk(day, [.. current], hasPredecessor));
            predecessor = current[^1];
            current.Clear();
            own = 0;
        }

        bool TooWide(StoredPoint point)
        {
            var height = (Math.Max(maxLat, point.Latitude) - Math.Min(minLat, point.Latitude)) * MetresPerDegree;
            var width = (Math.Max(maxLon, point.Longitude) - Math.Min(minLon, point.Longitude)) * MetresPerDegree
                * Math.Cos(point.Latitude * Math.PI / 180);
            return height > TrackChunks.ExtentMetres || width > TrackChunks.ExtentMetres;
        }
    }
}
