using Tracking.Core.Validation;

namespace Tracking.Simulator.Faults;

/// <summary>
/// What the server should make of a fault case: fixes accepted at ingestion, and of those how many are duplicates once
/// stored, and rejections by reason (one per refused message or fix).
/// </summary>
public sealed record FaultExpectation(int Accepted, int Duplicates, IReadOnlyDictionary<RejectionReason, int> Rejected)
{
    public static FaultExpectation Accept(int fixes, int duplicates = 0) => new(fixes, duplicates, new Dictionary<RejectionReason, int>());

    public static FaultExpectation Reject(RejectionReason reason, int count = 1) => new(0, 0, new Dictionary<RejectionReason, int> { [reason] = count });
}
