namespace Tracking.Server.Api;

/// <summary>Answer of <c>POST /api/devices/{id}/secret</c>: the new secret, shown this once.</summary>
public sealed record DeviceSecretIssued(string DeviceId, string Secret);
