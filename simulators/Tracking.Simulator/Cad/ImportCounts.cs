namespace Tracking.Simulator.Cad;

/// <summary>The body of an accepted bulk import: how many records were created and how many updated.</summary>
public sealed record ImportCounts(int Created, int Updated);
