namespace Tracking.Simulator.Fleet;

/// <summary>An officer: collar number, name, team, home station, accreditations and the radio (ISSI) they carry.</summary>
public sealed record OfficerPlan(string Id, string Name, string Team, string Station, IReadOnlyList<Accreditation> Accreditations, string Radio);
