namespace Tracking.Core.Analytics;

/// <summary>Where an incident was, as the reports group it: its micro-beat, that beat's station, and whether the rural target applied.</summary>
public sealed record IncidentPlace(string? Beat, string? Station, bool Rural);
