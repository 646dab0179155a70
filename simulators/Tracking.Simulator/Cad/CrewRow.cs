namespace Tracking.Simulator.Cad;

/// <summary>One officer of a shift's crew, the radio (ISSI) they carry and the phone they carry, if any.</summary>
public sealed record CrewRow(string Officer, string Radio, string? Phone = null);
