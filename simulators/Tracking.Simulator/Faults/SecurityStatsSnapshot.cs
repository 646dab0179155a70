namespace Tracking.Simulator.Faults;

/// <summary>The part of the server's ingest statistics' <c>security</c> section the faults mode compares.</summary>
public sealed record SecurityStatsSnapshot(long MessagesLimited);
