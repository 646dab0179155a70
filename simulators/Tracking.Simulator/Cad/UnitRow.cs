namespace Tracking.Simulator.Cad;

/// <summary>A row of <c>POST /api/units/import</c>.</summary>
public sealed record UnitRow(string Id, string CallSign, string Type, string Station, string Team);
