namespace Tracking.Simulator.Fleet;

/// <summary>
/// The whole simulated force as reference data: units, officers with their accreditations and radios, devices, and the
/// rota of shifts covering the simulated period. Built by <see cref="FleetBuilder"/> from a seed; immutable.
/// </summary>
public sealed record FleetPlan(
    IReadOnlyList<UnitPlan> Units,
    IReadOnlyList<OfficerPlan> Officers,
    IReadOnlyList<DevicePlan> Devices,
    IReadOnlyList<ShiftPlan> Shifts)
{
    public OfficerPlan Officer(string id) => Officers.First(o => o.Id == id);

    public UnitPlan Unit(string id) => Units.First(u => u.Id == id);

    public DevicePlan Device(string id) => Devices.First(d => d.Id == id);
}
