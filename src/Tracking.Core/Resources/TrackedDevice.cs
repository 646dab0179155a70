namespace Tracking.Core.Resources;

/// <summary>A device that reports positions.</summary>
/// <param name="Id">Device id as it appears in the topics, 1–64 characters of <c>[A-Za-z0-9_.-]</c> (a radio's ISSI).</param>
/// <param name="Kind">What it is.</param>
/// <param name="Name">A label: a vehicle's registration or fleet number, a phone's owner.</param>
public sealed record TrackedDevice(string Id, DeviceKind Kind, string? Name = null);
