using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Cad;

/// <summary>The fleet plan as the rows of the five bulk imports, in the order they must be sent (a shift names officers, units and devices).</summary>
internal static class ReferenceData
{
    public static IReadOnlyList<(string Path, object Rows, int Count)> Imports(FleetPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var officers = plan.Officers.Select(o => new OfficerRow(o.Id, o.Name, o.Team, o.Station)).ToList();
        var accreditations = plan.Officers.SelectMany(o => o.Accreditations.Select(a => new AccreditationRow(o.Id, a.Skill, a.Expires))).ToList();
        var units = plan.Units.Select(u => new UnitRow(u.Id, u.CallSign, CadJson.Name(u.Type), u.Station, u.Team)).ToList();
        var devices = plan.Devices.Select(d => new DeviceRow(d.Id, CadJson.Name(d.Kind), d.Name)).ToList();
        var shifts = plan.Shifts.Select(s => new ShiftRow(s.Id, s.Unit, s.Start, s.End, s.Vehicle, Crew(plan, s))).ToList();
        return
        [
            ("api/officers/import", officers, officers.Count),
            ("api/accreditations/import", accreditations, accreditations.Count),
            ("api/units/import", units, units.Count),
            ("api/devices/import", devices, devices.Count),
            ("api/shifts/import", shifts, shifts.Count),
        ];
    }

    /// <summary>
    /// The shift's officers with their radios; a foot unit's phone goes with the first of them, so the rota gives its
    /// fixes and status to an officer on duty (a phone belongs to whoever carries it, as a radio does).
    /// </summary>
    private static List<CrewRow> Crew(FleetPlan plan, ShiftPlan shift)
    {
        var phone = plan.Unit(shift.Unit).Phone?.Id;
        return [.. shift.Officers.Select((officer, i) => new CrewRow(officer, plan.Officer(officer).Radio, i == 0 ? phone : null))];
    }
}
