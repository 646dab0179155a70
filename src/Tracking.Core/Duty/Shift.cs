namespace Tracking.Core.Duty;

/// <summary>
/// A line of the duty rota: a unit on duty from <see cref="Start"/> to <see cref="End"/> (UTC, end
/// exclusive), with the vehicle it drives and the officers who crew it, each with the radio and phone they carry.
/// </summary>
/// <param name="Id">Stable identifier of the shift.</param>
/// <param name="UnitId">The unit on duty.</param>
/// <param name="Start">Start of duty (inclusive).</param>
/// <param name="End">End of duty (exclusive); after <see cref="Start"/>.</param>
/// <param name="VehicleDeviceId">The tracker of the vehicle the unit drives, or null for a unit on foot.</param>
/// <param name="Crew">The officers on board and the devices they carry.</param>
public sealed record Shift(
    string Id,
    string UnitId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? VehicleDeviceId,
    IReadOnlyList<CrewMember> Crew)
{
    /// <summary>Whether the shift covers <paramref name="time"/>.</summary>
    public bool Covers(DateTimeOffset time) => Start <= time && time < End;

    /// <summary>Every device the shift gives the unit: the vehicle's tracker and the crew's radios and phones.</summary>
    public IEnumerable<string> DeviceIds()
    {
        if (VehicleDeviceId is not null)
        {
            yield return VehicleDeviceId;
        }

        foreach (var member in Crew)
        {
            foreach (var device in member.CarriedDeviceIds())
            {
                yield return device;
            }
        }
    }
}
