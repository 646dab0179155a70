using Tracking.Core.Dispatch;

namespace Tracking.Server.Command;

/// <summary>A unit as the control room sees it now.</summary>
internal sealed record UnitView(
    string Id,
    string CallSign,
    UnitType Type,
    UnitStatus Status,
    string? Reason,
    string? Incident,
    DateTimeOffset? StatusSince,
    bool OnDuty,
    string? Shift,
    string? Station,
    string? Team,
    string? ParentUnit,
    string? Officer,
    UnitPositionView? Position,
    IReadOnlyList<CrewView> Crew,
    IReadOnlyDictionary<string, DateTimeOffset?> Skills);

/// <summary>Where a unit is, from which device.</summary>
internal sealed record UnitPositionView(double Longitude, double Latitude, DateTimeOffset Time, double? Speed, double? Heading, string Device);

/// <summary>An officer on a unit, and the radio and phone they carry (device ids, null when none).</summary>
internal sealed record CrewView(string Id, string Name, string? Radio, string? Phone);
