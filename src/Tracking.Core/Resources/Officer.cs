namespace Tracking.Core.Resources;

/// <summary>A police officer or PCSO who can crew a unit.</summary>
/// <param name="Id">Collar (shoulder) number: the force's identifier of the officer, 1–32 characters.</param>
/// <param name="Name">Name as the control room reads it.</param>
/// <param name="Team">Neighbourhood or response team, when known.</param>
/// <param name="Station">Home station id (as in the map's stations), when known.</param>
public sealed record Officer(string Id, string Name, string? Team = null, string? Station = null);
