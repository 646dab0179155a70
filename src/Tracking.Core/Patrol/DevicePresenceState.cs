namespace Tracking.Core.Patrol;

/// <summary>
/// Where presence stands for one device after some fixes: its last fix (the start of the next
/// segment) and its open stays. Immutable: every step makes a new state, so earlier states can
/// be kept to replay from.
/// </summary>
/// <param name="Last">The last fix processed, or null before the first.</param>
/// <param name="Open">Open stays, at most one per area.</param>
public readonly record struct DevicePresenceState(TrackPoint? Last, OpenStay[] Open)
{
    /// <summary>The state of a device with no fixes yet.</summary>
    public static DevicePresenceState Initial { get; } = new(null, []);
}
