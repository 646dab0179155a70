namespace Tracking.Server.Api;

/// <summary>Body of <c>PUT /api/devices/{id}</c>: an optional human-readable name (call sign, asset number).</summary>
public sealed record DeviceRegistration(string? Name);
