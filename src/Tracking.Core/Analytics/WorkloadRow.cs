namespace Tracking.Core.Analytics;

/// <summary>Incidents attended by one unit or one officer on one shift.</summary>
/// <param name="Shift">The shift.</param>
/// <param name="By">unit or officer.</param>
/// <param name="Id">The unit or officer (collar number).</param>
/// <param name="Team">Their team.</param>
/// <param name="Attended">Incidents reached during the shift.</param>
public sealed record WorkloadRow(string Shift, string By, string Id, string Team, int Attended);
