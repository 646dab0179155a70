namespace Tracking.Server.Api;

/// <summary>Body of <c>PUT /api/devices/{id}/secret</c>: the secret the device was provisioned with.</summary>
public sealed record DeviceSecretRequest(string? Secret);
