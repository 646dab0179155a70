namespace Tracking.Storage.Tracks;

/// <summary>One device's stored fixes with <see cref="From"/> ≤ device time &lt; <see cref="To"/>.</summary>
public readonly record struct FixRange(string DeviceId, DateTimeOffset From, DateTimeOffset To);
