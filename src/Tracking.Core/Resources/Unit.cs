using Tracking.Core.Dispatch;

namespace Tracking.Core.Resources;

/// <summary>A deployable resource: a crewed vehicle, a foot patrol, a PCSO.</summary>
/// <param name="Id">Stable identifier, 1–32 characters of <c>[A-Za-z0-9_.-]</c>.</param>
/// <param name="CallSign">Radio call sign the control room uses.</param>
/// <param name="Type">Kind of unit: the vehicle type an incident may ask for.</param>
/// <param name="Station">Home station id, when known.</param>
/// <param name="Team">Team, when known.</param>
public sealed record Unit(string Id, string CallSign, UnitType Type, string? Station = null, string? Team = null);
