using NetTopologySuite.Geometries;
using Tracking.Core.Geo;
using Tracking.Core.Patrol;
using Tracking.Storage.Patrol;

namespace Tracking.Server.Patrol;

/// <summary>
/// Retrospective presence: the stays of stored tracks in one area over a period, computed by
/// the same steps as live presence. The area is a polygon drawn after the fact, or a priority
/// location taken version by version as it was during the period. Only the fixes near the area
/// are read and stepped (<see cref="StoredTracks.ReadNearAsync"/>), which is exact for MaxGap up
/// to <see cref="Tracking.Storage.Tracks.TrackChunks.LongestSegment"/>.
/// </summary>
internal sealed class PresenceQuery(StoredTracks tracks)
{
    // A segment straight in metres bows away from the straight line between its ends in degrees:
    // by a few metres over 10 km, some 25 m over 30 km. This margin (about 140 m east-west and
    // 220 m north-south here) covers segments far longer than a patrol makes in MaxGap.
    private const double NearMarginDegrees = 0.002;

    /// <summary>
    /// The stays in the area. <paramref name="versions"/> are the area's shapes (lon/lat) with
    /// the time each was valid; each counts only within its own validity and the period.
    /// </summary>
    public async Task<List<Stay>> ComputeAsync(
        string areaKey,
        IReadOnlyList<(Geometry LonLat, double RadiusMetres, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo)> versions,
        MapProjection projection,
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyCollection<string>? devices,
        PresenceRules rules,
        CancellationToken cancellationToken)
    {
        var stays = new List<Stay>();
        foreach (var version in versions)
        {
            var start = version.ValidFrom > from ? version.ValidFrom : from;
            var end = version.ValidTo is { } validTo && validTo < to ? validTo : to;
            if (end <= start)
            {
                continue;
            }

            var metres = projection.Project(version.LonLat);
            var shape = AreaShape.FromGeometry(metres, version.RadiusMetres);
            var areas = new PresenceAreaSet([new PresenceArea(areaKey, shape)]);
            var near = projection.Unproject(Geometry.DefaultFactory.ToGeometry(shape.Envelope)).EnvelopeInternal;
            near.ExpandBy(NearMarginDegrees);
            await ComputeVersionAsync(areas, near, projection, start, end, devices, rules, stays, cancellationToken);
        }

        return stays;
    }

    private async Task ComputeVersionAsync(
        PresenceAreaSet areas,
        Envelope near,
        MapProjection projection,
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyCollection<string>? devices,
        PresenceRules rules,
        List<Stay> stays,
        CancellationToken cancellationToken)
    {
        var presence = new StoredTrackPresence(areas, projection, rules, from, to);
        // Fixes up to MaxGap outside the period make the segments that cross its ends.
        await tracks.ReadNearAsync(from - rules.MaxGap, to + rules.MaxGap, near, devices, presence.Add, cancellationToken);
        stays.AddRange(presence.Finish());
    }
}
