using Tracking.Core.Patrol;

namespace Tracking.Core.Analytics;

/// <summary>Demand against presence per micro-beat: where incidents happen and where patrols are.</summary>
public static class DemandReport
{
    public static List<DemandRow> Build(
        IReadOnlyList<(string Id, string Name)> beats,
        IEnumerable<string?> incidentBeats,
        IEnumerable<Stay> stays,
        DateTimeOffset from,
        DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(beats);
        ArgumentNullException.ThrowIfNull(incidentBeats);
        ArgumentNullException.ThrowIfNull(stays);
        var incidents = incidentBeats.Where(b => b is not null).GroupBy(b => b!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var seconds = stays.Where(s => s.Enter >= from && s.Enter < to)
            .GroupBy(s => s.AreaKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.InsideSeconds), StringComparer.Ordinal);
        return [.. beats.Select(beat =>
        {
            var count = incidents.GetValueOrDefault(beat.Id);
            var minutes = seconds.GetValueOrDefault(AreaKeys.Beat(beat.Id)) / 60;
            return new DemandRow(beat.Id, beat.Name, count, minutes, minutes > 0 ? count / (minutes / 60) : null);
        })];
    }
}
