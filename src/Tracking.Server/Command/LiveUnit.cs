using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Fixes;
using Tracking.Core.Resources;

namespace Tracking.Server.Command;

/// <summary>
/// The control room's working state of one unit (owned by its loop, never shared): status, duty,
/// crew, skills and last position. A crew member whose radio or phone is away from the vehicle is a foot
/// patrol of its own, with <see cref="ParentUnitId"/> and <see cref="OfficerId"/> set.
/// </summary>
internal sealed class LiveUnit(Unit unit)
{
    public Unit Unit { get; set; } = unit;

    public string Id => Unit.Id;

    public string? ParentUnitId { get; init; }

    public string? OfficerId { get; init; }

    public UnitStatus Status { get; set; } = UnitStatus.OffDuty;

    public string? Reason { get; set; }

    public string? IncidentId { get; set; }

    public DateTimeOffset? StatusSince { get; set; }

    public Shift? Shift { get; set; }

    public Fix? Position { get; set; }

    public double X { get; set; }

    public double Y { get; set; }

    public IReadOnlyList<CrewView> Crew
    {
        get;
        set
        {
            field = value;
            _crewNames = [.. value.Select(c => c.Name)];
        }
    } = [];

    // The recommender's view of the crew, kept with it: a snapshot is taken on every fix.
    private IReadOnlyList<string> _crewNames = [];

    public IReadOnlyDictionary<string, DateTimeOffset?> Skills { get; set; } = new Dictionary<string, DateTimeOffset?>();

    public bool OnDuty => Shift is not null;

    /// <summary>Derived foot patrol: the officer's radio or phone is away from the vehicle.</summary>
    public bool IsFootPatrolOfCrew => ParentUnitId is not null;

    /// <summary>The devices that receive this unit's dispatches: the shift's, or a crew foot patrol's officer's radio and phone.</summary>
    public IEnumerable<string> DeviceIds()
    {
        if (Shift is null)
        {
            return [];
        }

        if (OfficerId is not null)
        {
            return Shift.Crew.Where(c => c.OfficerId == OfficerId).SelectMany(c => c.CarriedDeviceIds());
        }

        return Shift.DeviceIds();
    }

    public UnitSnapshot Snapshot() => new(
        Id,
        Unit.CallSign,
        Unit.Type,
        Status,
        OnDuty,
        Skills,
        Position is null ? null : new UnitPosition(Position.Longitude, Position.Latitude, X, Y),
        Position?.DeviceTime)
    {
        Crew = _crewNames,
    };

    public UnitView View() => new(
        Id, Unit.CallSign, Unit.Type, Status, Reason, IncidentId, StatusSince, OnDuty, Shift?.Id, Unit.Station, Unit.Team,
        ParentUnitId, OfficerId,
        Position is null ? null : new UnitPositionView(Position.Longitude, Position.Latitude, Position.DeviceTime, Position.Speed, Position.Heading, Position.DeviceId),
        Crew, Skills);
}
