namespace Tracking.Benchmarks.EndToEnd;

/// <summary>One column of the CPU table: a name and how to find its processes now (they may change during a run).</summary>
internal sealed record CpuComponent(string Name, Func<IEnumerable<int>> Processes)
{
    public static CpuComponent Single(string name, int pid) => new(name, () => [pid]);
}
