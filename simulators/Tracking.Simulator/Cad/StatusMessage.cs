namespace Tracking.Simulator.Cad;

/// <summary>
/// What a device publishes on <c>tracking/{deviceId}/status</c>: available, unavailable (with a reason such as
/// refreshments), atScene or emergency, and when.
/// </summary>
public sealed record StatusMessage(string Status, string? Reason, DateTimeOffset? T);
