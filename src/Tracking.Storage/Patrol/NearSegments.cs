using NetTopologySuite.Geometries;
using Tracking.Storage.Tracks;

namespace Tracking.Storage.Patrol;

/// <summary>
/// Hands out a device's fixes at either end of a segment whose box meets an area's box, from pieces of its track that
/// each hold every fix of their time span (chunks with their predecessor, ranges of <c>fixes</c>). Pieces may overlap:
/// a fix no later than the last one looked at has been seen. A fix whose predecessor was left out resumes the track.
/// </summary>
internal sealed class NearSegments(Envelope near, Action<string, long, double, double, bool> onFix)
{
    /// <summary>All of one device's pieces: its raw ones, and its chunk pieces, taken out of <paramref name="chunkPieces"/>.</summary>
    public void Device(string deviceId, List<List<StoredPoint>> rawPieces, Dictionary<string, List<List<StoredPoint>>> chunkPieces)
    {
        var pieces = rawPieces;
        if (chunkPieces.Remove(deviceId, out var chunks))
        {
            pieces = [.. rawPieces, .. chunks];
        }

        pieces.Sort((a, b) => a[0].Ticks.CompareTo(b[0].Ticks));
        var seenUntil = long.MinValue;
        var handedOutLast = long.MinValue;
        foreach (var piece in pieces)
        {
            StoredPoint? previous = null;
            foreach (var point in piece)
            {
                if (point.Ticks > seenUntil)
                {
                    // A piece holds every fix of its span, so the one before this in the piece is the fix before it.
                    if (previous is { } from && Meets(from, point))
                    {
                        if (handedOutLast != from.Ticks)
                        {
                            onFix(deviceId, from.Ticks, from.Longitude, from.Latitude, true);
                        }

                        onFix(deviceId, point.Ticks, point.Longitude, point.Latitude, false);
                        handedOutLast = point.Ticks;
                    }

                    seenUntil = point.Ticks;
                }

                previous = point;
            }
        }
    }

    private bool Meets(StoredPoint a, StoredPoint b) =>
        Math.Max(a.Longitude, b.Longitude) >= near.MinX && Math.Min(a.Longitude, b.Longitude) <= near.MaxX
        && Math.Max(a.Latitude, b.Latitude) >= near.MinY && Math.Min(a.Latitude, b.Latitude) <= near.MaxY;
}
