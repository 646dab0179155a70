namespace Tracking.Simulator.Cad;

/// <summary>A row of <c>POST /api/officers/import</c>; the id is the collar number.</summary>
public sealed record OfficerRow(string Id, string Name, string Team, string Station);
