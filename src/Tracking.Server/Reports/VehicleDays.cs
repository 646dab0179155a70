using Tracking.Core.Analytics;
using Tracking.Core.Geo;
using Tracking.Core.Patrol;
using Tracking.Storage.Analytics;
using Tracking.Storage.Patrol;

namespace Tracking.Server.Reports;

/// <summary>
/// Mileage and utilisation per vehicle per local day. Each day is measured on its own (<see cref="VehicleUseMeter"/> over
/// the day's fixes and those of the <see cref="Lead"/> before it), so a day's figures are the same whatever period a
/// report asks for; a closed day is measured once and stored (<see cref="VehicleDayStore"/>), measured again only when a
/// late fix changed its track. The morning's report for yesterday reads one row per vehicle.
/// </summary>
internal sealed class VehicleDays(VehicleDayStore store, StoredTracks tracks, TimeProvider time)
{
    /// <summary>
    /// How far before midnight a day's measurement starts: a move, a stop or a gap in progress at midnight is measured
    /// from there (the part before midnight counts on the day before). A vehicle silent for longer than this across
    /// midnight starts the day afresh: the distance across that gap is not counted.
    /// </summary>
    public static readonly TimeSpan Lead = TimeSpan.FromHours(1);

    private static readonly LocalCalendar Calendar = LocalCalendar.London;

    /// <summary>The figures of each vehicle for each local day from <paramref name="first"/> to <paramref name="last"/> it was used on.</summary>
    public async Task<Dictionary<string, List<VehicleDay>>> MeasureAsync(
        IReadOnlyCollection<string> vehicles, DateOnly first, DateOnly last, MapProjection projection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        var now = time.GetUtcNow();
        var known = await store.ReadAsync(vehicles, first, last, cancellationToken);
        var result = vehicles.ToDictionary(v => v, _ => new List<VehicleDay>(), StringComparer.Ordinal);
        var measuredNow = new List<(string, long, VehicleDay)>();
        for (var day = first; day <= last && Calendar.Start(day) < now; day = day.AddDays(1))
        {
            var closed = Calendar.End(day) <= now;
            var missing = vehicles.Where(v => !closed || known[(v, day)].Stored is null).ToList();
            var measured = missing.Count > 0 ? await MeasureDayAsync(missing, day, projection, cancellationToken) : [];
            foreach (var vehicle in vehicles)
            {
                var (version, stored) = known[(vehicle, day)];
                var figures = closed && stored is not null
                    ? stored
                    : measured.GetValueOrDefault(vehicle) ?? new VehicleDay(day, 0, 0, 0, 0);
                if (closed && stored is null)
                {
                    // Days without a fix are stored too (as zeros), so they are not read again.
                    measuredNow.Add((vehicle, version, figures));
                }

                if (figures.DistanceMetres > 0 || figures.ReportedSeconds > 0)
                {
                    result[vehicle].Add(figures);
                }
            }
        }

        await store.WriteAsync(measuredNow, cancellationToken);
        return result;
    }

    private async Task<Dictionary<string, VehicleDay>> MeasureDayAsync(List<string> vehicles, DateOnly day, MapProjection projection, CancellationToken cancellationToken)
    {
        var meters = new Dictionary<string, VehicleUseMeter>(StringComparer.Ordinal);
        await tracks.ReadAsync(Calendar.Start(day) - Lead, Calendar.End(day), vehicles, (id, ticks, longitude, latitude) =>
        {
            if (!meters.TryGetValue(id, out var meter))
            {
                meter = new VehicleUseMeter(Calendar);
                meters.Add(id, meter);
            }

            var (x, y) = projection.Project(longitude, latitude);
            meter.Add(new TrackPoint(x, y, ticks));
        }, cancellationToken);
        var figures = new Dictionary<string, VehicleDay>(StringComparer.Ordinal);
        foreach (var (vehicle, meter) in meters)
        {
            if (meter.Finish().Find(d => d.Day == day) is { } measured)
            {
                figures[vehicle] = measured;
            }
        }

        return figures;
    }
}
