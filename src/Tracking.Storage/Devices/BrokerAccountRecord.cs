namespace Tracking.Storage.Devices;

/// <summary>A service account of the MQTT broker as stored: username (starting with '@'), role, and its secret's hash.</summary>
public sealed record BrokerAccountRecord(string Username, string Role, string SecretHash, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
