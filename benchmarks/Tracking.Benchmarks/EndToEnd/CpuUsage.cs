namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// CPU seconds each component used in a time window, and what the whole machine used besides them
/// (<see cref="OtherSeconds"/>: other people's work on this shared machine, which also slows ours).
/// </summary>
internal sealed record CpuUsage(IReadOnlyDictionary<string, double> Seconds, double OtherSeconds, double WallSeconds)
{
    public static CpuUsage None { get; } = new(new Dictionary<string, double>(), 0, 0);

    public double Of(string component) => Seconds.TryGetValue(component, out var seconds) ? seconds : double.NaN;

    /// <summary>CPU seconds per 10,000 fixes.</summary>
    public double Per10K(string component, long fixes) => Of(component) / fixes * 10_000;

    /// <summary>Share of one core over the window, in percent (200 = both cores of this machine).</summary>
    public double PercentOfCore(string component) => Of(component) / WallSeconds * 100;
}
