using Tracking.Core.Patrol;
using Tracking.Storage.Maps;
using Tracking.Storage.Patrol;

namespace Tracking.Server.Patrol;

/// <summary>
/// Recomputes the stored stays (visits and passes) of a closed period from the stored tracks, for every beat and
/// priority location of the map as it stood at the end of the period (as the reports read it), with the same steps as
/// live presence, and replaces the stays stored as beginning in that period, in one transaction. For history that never
/// went through the live pipeline (tracks imported or backfilled straight into PostGIS), and after a map correction.
/// </summary>
/// <remarks>
/// A stay already stored as beginning before <c>from</c> and lasting into the period is kept, and the rebuild counts the
/// same presence again from <c>from</c>: rebuild from a time when nobody was in an area (a quiet night) or from the
/// start of the history.
/// </remarks>
internal sealed class VisitRebuild(StoredTracks tracks, VisitStore visits, MapStore maps, TimeProvider time)
{
    /// <summary>Why the period cannot be rebuilt, or null.</summary>
    public string? Problem(DateTimeOffset from, DateTimeOffset to, PresenceRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (from >= to)
        {
            return "from must be before to";
        }

        // Live presence still writes the stays of the last MaxGap: a rebuild there would race it.
        var closedUntil = time.GetUtcNow() - rules.MaxGap;
        return to > closedUntil ? $"to must be at least MaxGap ({rules.MaxGap}) in the past, no later than {closedUntil:O}" : null;
    }

    public async Task<VisitRebuildResult> RunAsync(DateTimeOffset from, DateTimeOffset to, PresenceRules rules, CancellationToken cancellationToken)
    {
        if (Problem(from, to, rules) is { } problem)
        {
            throw new ArgumentException(problem, nameof(to));
        }

        var validAt = to.AddTicks(-1);
        var map = await maps.LoadAsync(validAt, cancellationToken) ?? throw new InvalidOperationException("No map is stored: import one first.");
        var snapshot = MapSnapshot.Build(map, validAt);
        var presence = new StoredTrackPresence(snapshot.Presence, map.Projection, rules, from, to);
        // Fixes up to MaxGap outside the period make the segments that cross its ends.
        await tracks.ReadAsync(from - rules.MaxGap, to + rules.MaxGap, null, presence.Add, cancellationToken);
        var stays = presence.Finish();

        // The window includes its end: a touch exactly at `to` begins the next period's stay, not one of this period.
        stays.RemoveAll(s => s.Enter >= to);
        var replaced = await visits.ReplaceBeganAsync(from, to, stays, cancellationToken);
        return new VisitRebuildResult(presence.Devices, presence.Fixes, snapshot.Presence.Areas.Count, replaced, stays.Count);
    }
}
