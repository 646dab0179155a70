using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Fleet;

/// <summary>
/// One device of the fleet: its id as the server sees it (a radio's is its ISSI; an OwnTracks phone's is
/// <c>{user}.{device}</c>), what it is, the protocol it speaks and how often it reports, in seconds.
/// </summary>
public sealed record DevicePlan(string Id, DeviceKind Kind, string Name, DeviceProtocol Protocol, double IntervalSeconds)
{
    /// <summary>For an OwnTracks phone, the user part of its topic.</summary>
    public string? OwnTracksUser { get; init; }

    /// <summary>For an OwnTracks phone, the device part of its topic.</summary>
    public string? OwnTracksDevice { get; init; }
}
