namespace Tracking.Simulator.Cad;

/// <summary>One officer of a shift's crew and the radio (ISSI) they carry.</summary>
public sealed record CrewRow(string Officer, string Radio);
