namespace Tracking.Core.Duty;

/// <summary>
/// The duty rota as a lookup: which unit and officers a device's fix belongs to at its time, and
/// which units are on duty at a moment. Built once from the shifts; immutable, so any number of
/// threads may read it (a change of the rota builds a new one).
/// </summary>
/// <remarks>
/// When shifts of one device overlap (a handover where the next shift starts before the last one
/// ends), the shift that started last wins: the new crew has taken the vehicle.
/// </remarks>
public sealed class DutyRota
{
    private readonly Dictionary<string, DeviceDuty[]> _byDevice;
    private readonly Dictionary<string, Shift[]> _byUnit;

    /// <summary>A rota of the given shifts.</summary>
    public DutyRota(IEnumerable<Shift> shifts)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        Shifts = [.. shifts.OrderBy(s => s.Start).ThenBy(s => s.Id, StringComparer.Ordinal)];
        var byDevice = new Dictionary<string, List<DeviceDuty>>(StringComparer.Ordinal);
        var byUnit = new Dictionary<string, List<Shift>>(StringComparer.Ordinal);
        foreach (var shift in Shifts)
        {
            if (shift.VehicleDeviceId is { } vehicle)
            {
                Add(byDevice, vehicle, new DeviceDuty(shift, DeviceRole.Vehicle, null));
            }

            foreach (var member in shift.Crew)
            {
                // A phone belongs to its carrier exactly as a radio does.
                if (member.RadioDeviceId is { } radio)
                {
                    Add(byDevice, radio, new DeviceDuty(shift, DeviceRole.Radio, member.OfficerId));
                }

                if (member.PhoneDeviceId is { } phone)
                {
                    Add(byDevice, phone, new DeviceDuty(shift, DeviceRole.Phone, member.OfficerId));
                }
            }

            Add(byUnit, shift.UnitId, shift);
        }

        _byDevice = byDevice.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        _byUnit = byUnit.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>An empty rota: nobody on duty.</summary>
    public static DutyRota Empty { get; } = new([]);

    /// <summary>Every shift, by start.</summary>
    public IReadOnlyList<Shift> Shifts { get; }

    /// <summary>The unit and officers <paramref name="deviceId"/> belongs to at <paramref name="time"/>, or null when no shift gives it out.</summary>
    public DeviceDuty? Attribute(string deviceId, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        if (!_byDevice.TryGetValue(deviceId, out var duties))
        {
            return null;
        }

        // Sorted by start: the last one covering the time is the one that started last.
        for (var i = duties.Length - 1; i >= 0; i--)
        {
            if (duties[i].Shift.Covers(time))
            {
                return duties[i];
            }
        }

        return null;
    }

    /// <summary>The shift that has <paramref name="unitId"/> on duty at <paramref name="time"/>, or null when it is off duty.</summary>
    public Shift? ShiftOf(string unitId, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        if (!_byUnit.TryGetValue(unitId, out var shifts))
        {
            return null;
        }

        for (var i = shifts.Length - 1; i >= 0; i--)
        {
            if (shifts[i].Covers(time))
            {
                return shifts[i];
            }
        }

        return null;
    }

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index.Add(key, list);
        }

        list.Add(value);
    }
}
