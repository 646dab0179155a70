using Tracking.Core.Duty;
using Tracking.Core.Fixes;
using Tracking.Core.Resources;
using Tracking.Core.Validation;

namespace Tracking.Storage.Command;

/// <summary>
/// The one validation of reference data, applied to rows read from CSV or JSON and to rows handed
/// to <see cref="ReferenceStore"/> alike: identifiers, text, enum values, shift times and crews,
/// duplicates within one input, and the row limit. Problems become <see cref="RowError"/>s, never
/// exceptions. Thread-safe (stateless).
/// </summary>
internal static class ReferenceRules
{
    /// <summary>Row numbers of a list handed over directly: its order, from 1.</summary>
    public static int ListRow(int index) => index + 1;

    public static void CheckCount(int count, ErrorList errors)
    {
        if (count > ReferenceLimits.MaxRows)
        {
            errors.Add(0, "", $"{count:N0} rows: at most {ReferenceLimits.MaxRows:N0} are allowed in one import.");
        }
    }

    public static void CheckOfficers(IReadOnlyList<Officer> officers, Func<int, int> rowOf, ErrorList errors)
    {
        CheckCount(officers.Count, errors);
        for (var i = 0; i < officers.Count && !errors.Full; i++)
        {
            var row = rowOf(i);
            if (officers[i] is not { } officer)
            {
                errors.Add(row, "", "The row is empty.");
                continue;
            }

            ResourceId(officer.Id, row, "id", errors);
            Text(officer.Name, row, "name", required: true, errors);
            Text(officer.Team, row, "team", required: false, errors);
            Text(officer.Station, row, "station", required: false, errors);
        }

        Duplicates(officers, o => o?.Id, rowOf, "id", errors);
    }

    public static void CheckAccreditations(IReadOnlyList<Accreditation> accreditations, Func<int, int> rowOf, ErrorList errors)
    {
        CheckCount(accreditations.Count, errors);
        for (var i = 0; i < accreditations.Count && !errors.Full; i++)
        {
            var row = rowOf(i);
            if (accreditations[i] is not { } accreditation)
            {
                errors.Add(row, "", "The row is empty.");
                continue;
            }

            ResourceId(accreditation.OfficerId, row, "officer", errors);
            Text(accreditation.Skill, row, "skill", required: true, errors);
        }

        // Skills match case-insensitively (Accreditation.Skill); officer ids exactly.
        Duplicates(
            accreditations,
            a => a?.OfficerId is { } officer && a.Skill is { } skill ? officer + "\n" + skill.ToUpperInvariant() : null,
            rowOf,
            "skill",
            errors);
    }

    public static void CheckUnits(IReadOnlyList<Unit> units, Func<int, int> rowOf, ErrorList errors)
    {
        CheckCount(units.Count, errors);
        for (var i = 0; i < units.Count && !errors.Full; i++)
        {
            var row = rowOf(i);
            if (units[i] is not { } unit)
            {
                errors.Add(row, "", "The row is empty.");
                continue;
            }

            ResourceId(unit.Id, row, "id", errors);
            Text(unit.CallSign, row, "callSign", required: true, errors);
            if (!Enum.IsDefined(unit.Type))
            {
                errors.Add(row, "type", $"Not a unit type: use one of {CamelCaseEnum<Core.Dispatch.UnitType>.AllNames}.");
            }

            Text(unit.Station, row, "station", required: false, errors);
            Text(unit.Team, row, "team", required: false, errors);
        }

        Duplicates(units, u => u?.Id, rowOf, "id", errors);
    }

    public static void CheckDevices(IReadOnlyList<TrackedDevice> devices, Func<int, int> rowOf, ErrorList errors)
    {
        CheckCount(devices.Count, errors);
        for (var i = 0; i < devices.Count && !errors.Full; i++)
        {
            var row = rowOf(i);
            if (devices[i] is not { } device)
            {
                errors.Add(row, "", "The row is empty.");
                continue;
            }

            DeviceId(device.Id, row, "id", errors);
            if (!Enum.IsDefined(device.Kind))
            {
                errors.Add(row, "kind", $"Not a device kind: use one of {CamelCaseEnum<DeviceKind>.AllNames}.");
            }

            Text(device.Name, row, "name", required: false, errors);
        }

        Duplicates(devices, d => d?.Id, rowOf, "id", errors);
    }

    /// <param name="shifts">The shifts.</param>
    /// <param name="rowOf">Shift index → the row its own fields (id, unit, start, end, vehicle) came from.</param>
    /// <param name="crewRowOf">(shift index, crew index) → the row the crew member came from.</param>
    /// <param name="errors">Where problems go.</param>
    public static void CheckShifts(IReadOnlyList<Shift> shifts, Func<int, int> rowOf, Func<int, int, int> crewRowOf, ErrorList errors)
    {
        CheckCount(shifts.Count, errors);
        for (var i = 0; i < shifts.Count && !errors.Full; i++)
        {
            var row = rowOf(i);
            if (shifts[i] is not { } shift)
            {
                errors.Add(row, "", "The row is empty.");
                continue;
            }

            ResourceId(shift.Id, row, "id", errors);
            ResourceId(shift.UnitId, row, "unit", errors);
            if (shift.VehicleDeviceId is not null)
            {
                DeviceId(shift.VehicleDeviceId, row, "vehicle", errors);
            }

            // A time that could not be read has its error already; its placeholder proves nothing.
            if (!errors.Has(row, "start") && !errors.Has(row, "end"))
            {
                var length = shift.End - shift.Start;
                if (length <= TimeSpan.Zero)
                {
                    errors.Add(row, "end", "The shift must end after it starts.");
                }
                else if (length > ReferenceLimits.MaxShiftLength)
                {
                    errors.Add(row, "end", $"The shift is {length.TotalHours:0.##} hours long: at most {ReferenceLimits.MaxShiftLength.TotalHours:0} are allowed.");
                }
            }

            CheckCrew(shift, i, row, crewRowOf, errors);
        }

        Duplicates(shifts, s => s?.Id, rowOf, "id", errors);
    }

    private static void CheckCrew(Shift shift, int index, int row, Func<int, int, int> crewRowOf, ErrorList errors)
    {
        if (shift.Crew is not { } crew)
        {
            errors.Add(row, "crew", "crew is missing: give an empty list for a shift without crew.");
            return;
        }

        if (crew.Count > ReferenceLimits.MaxCrew)
        {
            errors.Add(row, "crew", $"{crew.Count} officers in the crew: at most {ReferenceLimits.MaxCrew} are allowed.");
            return;
        }

        var officers = new Dictionary<string, int>(StringComparer.Ordinal);
        var carried = new Dictionary<string, (string Officer, string Field)>(StringComparer.Ordinal);
        for (var c = 0; c < crew.Count; c++)
        {
            var crewRow = crewRowOf(index, c);
            if (crew[c] is not { } member)
            {
                errors.Add(crewRow, "officer", "A crew member is empty.");
                continue;
            }

            if (ResourceId(member.OfficerId, crewRow, "officer", errors) && !officers.TryAdd(member.OfficerId, crewRow))
            {
                errors.Add(crewRow, "officer", $"Officer '{member.OfficerId}' is already in the crew of this shift (row {officers[member.OfficerId]}).");
            }

            CarriedDevice(member.RadioDeviceId, member.OfficerId, crewRow, "radio", carried, errors);
            CarriedDevice(member.PhoneDeviceId, member.OfficerId, crewRow, "phone", carried, errors);
        }
    }

    /// <summary>
    /// A crew member's radio or phone: a valid device id that no one else on the shift carries, and that the same
    /// officer does not name twice (as radio and phone). A fix from it must belong to one officer in one role, or the
    /// rota cannot attribute it.
    /// </summary>
    private static void CarriedDevice(
        string? deviceId, string? officerId, int row, string field, Dictionary<string, (string Officer, string Field)> carried, ErrorList errors)
    {
        if (deviceId is null || !DeviceId(deviceId, row, field, errors))
        {
            return;
        }

        if (!carried.TryAdd(deviceId, (officerId ?? "", field)))
        {
            var (officer, role) = carried[deviceId];
            errors.Add(row, field, $"Device '{deviceId}' is already carried by officer '{officer}' on this shift (as their {role}).");
        }
    }

    private static void Duplicates<T>(IReadOnlyList<T> rows, Func<T, string?> key, Func<int, int> rowOf, string field, ErrorList errors)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count && !errors.Full; i++)
        {
            if (key(rows[i]) is { } value && !first.TryAdd(value, rowOf(i)))
            {
                errors.Add(rowOf(i), field, $"Duplicate of row {first[value]}.");
            }
        }
    }

    public static bool ResourceId(string? id, int row, string field, ErrorList errors)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(row, field, $"{field} is required.");
            return false;
        }

        if (!ResourceIds.IsValid(id))
        {
            errors.Add(row, field, $"'{Shorten(id)}' is not a valid id: {ResourceIds.Rule}.");
            return false;
        }

        return true;
    }

    public static bool DeviceId(string? id, int row, string field, ErrorList errors)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(row, field, $"{field} is required.");
            return false;
        }

        if (!DeviceIds.IsValid(id))
        {
            errors.Add(row, field, $"'{Shorten(id)}' is not a valid device id: {ResourceIds.Rule}.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Names, call signs, teams, stations, skills: at most <see cref="ReferenceLimits.MaxTextLength"/>
    /// characters, not blank, no control characters or broken UTF-16, and no leading character that
    /// a spreadsheet opening a CSV export would take for a formula (= + - @).
    /// </summary>
    public static void Text(string? value, int row, string field, bool required, ErrorList errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(row, field, $"{field} is required.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(row, field, required ? $"{field} is required." : $"{field} is blank: leave it out instead.");
            return;
        }

        if (TextRules.Problem(value, ReferenceLimits.MaxTextLength) is { } problem)
        {
            errors.Add(row, field, $"{field} {problem}.");
            return;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            errors.Add(row, field, $"{field} starts with '{value[0]}': a spreadsheet opening an export would run it as a formula.");
        }
    }

    public static string Shorten(string text) => text.Length <= 70 ? text : text[..70] + "…";
}
