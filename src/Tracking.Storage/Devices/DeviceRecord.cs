namespace Tracking.Storage.Devices;

/// <summary>A registered device as stored.</summary>
public sealed record DeviceRecord(string Id, string? Name, DateTimeOffset RegisteredAt, string RegisteredBy);
