using Tracking.Core.Incidents;

namespace Tracking.Core.Analytics;

/// <summary>
/// Response times by grade, and by grade and station, and by grade and beat: median and 90th percentile of
/// creation → first unit at the scene (sent or self-deployed), the share within target, and the incidents
/// that missed it. An incident nobody reached counts as missed once its target has passed at <c>now</c>
/// (or at its closing, if earlier); until then it is neither.
/// </summary>
public static class ResponseReport
{
    public static List<ResponseRow> Build(
        IReadOnlyList<Incident> incidents,
        IReadOnlyList<Attendance> attendances,
        IReadOnlyDictionary<string, IncidentPlace> places,
        ResponseTargets targets,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(attendances);
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(targets);
        var byIncident = attendances.ToLookup(a => a.IncidentId, StringComparer.Ordinal);
        var answered = incidents.Select(incident =>
        {
            var place = places.TryGetValue(incident.Id, out var p) ? p : new IncidentPlace(null, null, false);
            var response = ResponseTime.Of(incident, byIncident[incident.Id], targets, place.Rural);
            var judgedAt = incident.ClosedAt is { } closed && closed < now ? closed : now;
            return (Incident: incident, Place: place, Response: response, Met: response.Met(incident.CreatedAt, judgedAt));
        }).ToList();

        var rows = new List<ResponseRow>();
        foreach (var grade in answered.GroupBy(a => a.Incident.Grade).OrderBy(g => g.Key))
        {
            rows.Add(Row(grade.Key, "grade", null, [.. grade]));
            foreach (var station in grade.GroupBy(a => a.Place.Station).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                rows.Add(Row(grade.Key, "station", station.Key, [.. station]));
            }

            foreach (var beat in grade.GroupBy(a => a.Place.Beat).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                rows.Add(Row(grade.Key, "beat", beat.Key, [.. beat]));
            }
        }

        return rows;
    }

    private static ResponseRow Row(Grade grade, string by, string? group, List<(Incident Incident, IncidentPlace Place, ResponseTime Response, bool? Met)> items)
    {
        var minutes = items.Where(i => i.Response.ToArrived is not null).Select(i => i.Response.ToArrived!.Value.TotalMinutes).ToList();
        var judged = items.Where(i => i.Met is not null).ToList();
        return new ResponseRow(
            (int)grade,
            by,
            group,
            items.Count,
            minutes.Count,
            Statistics.Percentile(minutes, 0.5),
            Statistics.Percentile(minutes, 0.9),
            judged.Count == 0 ? null : judged.Count(i => i.Met == true) / (double)judged.Count,
            [.. judged.Where(i => i.Met == false).Select(i => i.Incident.Id).Order(StringComparer.Ordinal)]);
    }
}
