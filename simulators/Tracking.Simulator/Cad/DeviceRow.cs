namespace Tracking.Simulator.Cad;

/// <summary>A row of <c>POST /api/devices/import</c>; a radio's id is its ISSI.</summary>
public sealed record DeviceRow(string Id, string Kind, string Name);
