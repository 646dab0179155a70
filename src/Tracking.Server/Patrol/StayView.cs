namespace Tracking.Server.Patrol;

/// <summary>
/// One visit or pass: who, when they came and went, and the seconds inside. <c>Unit</c> is the
/// unit the duty rota gives the device at the time, null while no rota is loaded.
/// </summary>
public sealed record StayView(string Device, string? Unit, DateTimeOffset Enter, DateTimeOffset Exit, double Seconds);
