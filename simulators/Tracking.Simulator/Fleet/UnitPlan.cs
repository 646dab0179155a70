using Tracking.Core.Dispatch;

namespace Tracking.Simulator.Fleet;

/// <summary>
/// A unit of the fleet: a vehicle (with its tracker) or a foot patrol (with its beat and, for some, a phone), its
/// station and team, and the crews that take turns on it (<see cref="Crews"/>: officer ids, one list per crew).
/// </summary>
public sealed record UnitPlan(
    string Id,
    string CallSign,
    UnitType Type,
    string Station,
    string Team,
    DevicePlan? Vehicle,
    string? VehicleRegistration,
    DevicePlan? Phone,
    string? BeatId,
    IReadOnlyList<IReadOnlyList<string>> Crews)
{
    public bool IsVehicle => Type is not (UnitType.FootPatrol or UnitType.Pcso);
}
