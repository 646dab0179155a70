namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// What one scenario measured. <see cref="Rate"/> is fixes delivered (received by the subscriber, or committed in
/// PostgreSQL) per second of <see cref="WindowSeconds"/>: first receipt (or first COPY) to last delivery.
/// Latencies in milliseconds; null where the scenario has none.
/// </summary>
internal sealed record ScenarioResult(
    string Name,
    string Description,
    long Expected,
    long Delivered,
    double WindowSeconds,
    bool ZeroLoss,
    string LossDetail,
    CpuUsage Cpu)
{
    public double Rate => Delivered / WindowSeconds;

    /// <summary>Publish rate seen by the load generator (first publish → last ack or write), without the commit tail.</summary>
    public double? PublishRate { get; init; }

    public double? AckMedianMs { get; init; }

    public double? AckP99Ms { get; init; }

    public double? CommitMedianMs { get; init; }

    public double? CommitP99Ms { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Published but never received by the server (lost between the generator and the server's socket).</summary>
    public long LostBeforeServer { get; init; }

    public static ScenarioResult Failed(string name, string description, long expected, Exception exception) =>
        new(name, description, expected, 0, double.NaN, false, "scenario failed: " + exception.Message, CpuUsage.None);
}
