using Tracking.Core.Validation;

namespace Tracking.Simulator.Faults;

/// <summary>
/// What the server should make of a fault case: fixes accepted at ingestion, and of those how many are duplicates once
/// stored, rejections by reason (one per refused message or fix), and at least how many messages it refuses for being
/// over the device's message rate (<c>security.messagesLimited</c>).
/// </summary>
public sealed record FaultExpectation(int Accepted, int Duplicates, IReadOnlyDictionary<RejectionReason, int> Rejected, int Limited = 0)
{
    /// <summary>
    /// A device far over its message rate on a connection without credentials (demo mode): the server takes its burst
    /// and what its rate allows and refuses the rest, so at least one fix is accepted and at least one refused.
    /// </summary>
    public static FaultExpectation OverRate() => new(1, 0, new Dictionary<RejectionReason, int>(), Limited: 1);

    public static FaultExpectation Accept(int fixes, int duplicates = 0) => new(fixes, duplicates, new Dictionary<RejectionReason, int>());

    public static FaultExpectation Reject(RejectionReason reason, int count = 1) => new(0, 0, new Dictionary<RejectionReason, int> { [reason] = count });
}
