using Microsoft.Extensions.Options;
using Tracking.Core.Analytics;
using Tracking.Core.Geo.Matching;
using Tracking.Server.Patrol;

namespace Tracking.Server.Command;

/// <summary>
/// Where a point is for command and control and its reports: its micro-beat in the map in use, that
/// beat's station, and whether the beat is one of <see cref="CommandOptions.RuralBeats"/>. Thread-safe.
/// </summary>
internal sealed class IncidentPlaces(MapState maps, IOptions<CommandOptions> options)
{
    private readonly HashSet<string> _rural = new(options.Value.RuralBeats, StringComparer.Ordinal);

    public IncidentPlace Of(double longitude, double latitude)
    {
        var snapshot = maps.Current;
        var (x, y) = snapshot.Map.Projection.Project(longitude, latitude);
        var containing = new List<int>();
        snapshot.Index.Locate(x, y, containing);
        foreach (var area in containing)
        {
            var indexed = snapshot.Index.Areas[area];
            if (indexed.Kind == AreaKind.Beat)
            {
                var station = snapshot.Map.Beats.FirstOrDefault(b => b.Id == indexed.Id)?.Station;
                return new IncidentPlace(indexed.Id, station, _rural.Contains(indexed.Id));
            }
        }

        return new IncidentPlace(null, null, false);
    }
}
