using Tracking.Core.Duty;

namespace Tracking.Core.Analytics;

/// <summary>
/// Mileage and utilisation per vehicle per local day (from <see cref="VehicleUseMeter"/>), the shifts that
/// used each vehicle, and the vehicles under-used over the period: moving on average less than
/// <c>underUsedBelowHoursPerDay</c> per day of the period, a vehicle with no track at all included.
/// </summary>
public static class MileageReport
{
    public static (List<MileageRow> Days, List<UnderUsedVehicle> UnderUsed) Build(
        IReadOnlyDictionary<string, string?> vehicles,
        IReadOnlyDictionary<string, List<VehicleDay>> use,
        IReadOnlyList<Shift> shifts,
        LocalCalendar calendar,
        DateTimeOffset from,
        DateTimeOffset to,
        double underUsedBelowHoursPerDay)
    {
        ArgumentNullException.ThrowIfNull(vehicles);
        ArgumentNullException.ThrowIfNull(use);
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(calendar);
        var shiftsByVehicleDay = shifts.Where(s => s.VehicleDeviceId is not null && s.Start >= from && s.Start < to)
            .GroupBy(s => (s.VehicleDeviceId!, calendar.Day(s.Start)))
            .ToDictionary(g => g.Key, g => g.Count());
        var days = new List<MileageRow>();
        var underUsed = new List<UnderUsedVehicle>();
        var periodDays = Math.Max(1, calendar.Days(from, to).Count());
        foreach (var (vehicle, name) in vehicles.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var vehicleDays = use.TryGetValue(vehicle, out var measured) ? measured : [];
            foreach (var day in vehicleDays)
            {
                days.Add(new MileageRow(vehicle, name, day.Day, day.DistanceMetres / 1000, day.MovingSeconds / 3600, day.IdlingSeconds / 3600,
                    day.ParkedSeconds / 3600, shiftsByVehicleDay.GetValueOrDefault((vehicle, day.Day))));
            }

            var movingPerDay = vehicleDays.Sum(d => d.MovingSeconds) / 3600 / periodDays;
            if (movingPerDay < underUsedBelowHoursPerDay)
            {
                underUsed.Add(new UnderUsedVehicle(vehicle, name, movingPerDay, vehicleDays.Sum(d => d.DistanceMetres) / 1000,
                    shiftsByVehicleDay.Where(p => p.Key.Item1 == vehicle).Sum(p => p.Value)));
            }
        }

        return (days, [.. underUsed.OrderBy(u => u.MovingHoursPerDay).ThenBy(u => u.Vehicle, StringComparer.Ordinal)]);
    }
}
