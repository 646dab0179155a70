using Tracking.Core.Validation;

namespace Tracking.Simulator.Faults;

/// <summary>
/// What a faults run sent and expected against what the server counted (differences of its ingest statistics before and
/// after the run). <see cref="Matches"/> when every expected count was met; other traffic on the same server during the
/// run shows up as extra counts.
/// </summary>
public sealed record FaultsReport(
    int Cases,
    int MessagesSent,
    int SendFailures,
    long ExpectedAccepted,
    long Accepted,
    long ExpectedDuplicates,
    long Duplicates,
    IReadOnlyDictionary<RejectionReason, (long Expected, long Observed)> Rejected,
    bool Settled,
    long ExpectedLimited = 0,
    long Limited = 0)
{
    public bool Matches => Accepted >= ExpectedAccepted && Duplicates >= ExpectedDuplicates && Limited >= ExpectedLimited
        && Rejected.Values.All(r => r.Observed >= r.Expected);
}
