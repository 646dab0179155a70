namespace Tracking.Simulator.Faults;

/// <summary>One device's rejections by reason name, as the server's stats list them.</summary>
public sealed record DeviceRejectionCounts(string DeviceId, IReadOnlyDictionary<string, long> ByReason);
