namespace Tracking.Server.Patrol;

/// <summary>
/// One visit or pass: who, when they came and went, and the seconds inside. <c>Unit</c> is the
/// unit the duty rota gave the device when it came, null when no shift gave the device out.
/// </summary>
public sealed record StayView(string Device, string? Unit, DateTimeOffset Enter, DateTimeOffset Exit, double Seconds);
