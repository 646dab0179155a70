namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// Samples the cumulative CPU time of each <see cref="CpuComponent"/> every 250 ms from <c>/proc</c>, so the CPU spent in
/// any window can be read afterwards: the throughput window (first receipt → last commit) is only known once the run
/// is over. A process first seen after the start counts from zero (it was born during the run); one that exits keeps
/// its last sample (at most 250 ms of its CPU is missed). Values between samples are interpolated linearly.
/// Not thread-safe: start, stop and measure from one thread; the sampling loop is its own task.
/// </summary>
internal sealed class CpuMeter : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly IReadOnlyList<CpuComponent> _components;
    private readonly Dictionary<int, (int Component, long Baseline, long Last)> _processes = [];
    private readonly List<Sample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public CpuMeter(IReadOnlyList<CpuComponent> components)
    {
        _components = components;
    }

    public IReadOnlyList<string> Names => _components.Select(c => c.Name).ToList();

    public void Start()
    {
        // Processes alive now count from what they have already used, so only the run's CPU is measured.
        for (var c = 0; c < _components.Count; c++)
        {
            foreach (var pid in _components[c].Processes())
            {
                if (ProcStat.ProcessTicks(pid) is { } ticks)
                {
                    _processes[pid] = (c, ticks, ticks);
                }
            }
        }

        TakeSample();
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    lock (_samples)
                    {
                        TakeSample();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
        });
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        TakeSample();
    }

    /// <summary>CPU used by each component between <paramref name="from"/> and <paramref name="to"/> (wall clock).</summary>
    public CpuUsage Measure(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_samples)
        {
            var start = At(from);
            var end = At(to);
            var seconds = new Dictionary<string, double>();
            var ours = 0.0;
            for (var c = 0; c < _components.Count; c++)
            {
                var used = (end.Components[c] - start.Components[c]) / ProcStat.TicksPerSecond;
                seconds[_components[c].Name] = used;
                ours += used;
            }

            var machine = (end.MachineBusy - start.MachineBusy) / ProcStat.TicksPerSecond;
            return new CpuUsage(seconds, Math.Max(0, machine - ours), (to - from).TotalSeconds);
        }
    }

    private void TakeSample()
    {
        for (var c = 0; c < _components.Count; c++)
        {
            foreach (var pid in _components[c].Processes())
            {
                if (ProcStat.ProcessTicks(pid) is not { } ticks)
                {
                    continue;
                }

                _processes[pid] = _processes.TryGetValue(pid, out var known) && known.Component == c
                    ? known with { Last = ticks }
                    : (c, 0, ticks);
            }
        }

        var totals = new double[_components.Count];
        foreach (var (component, baseline, last) in _processes.Values)
        {
            totals[component] += last - baseline;
        }

        _samples.Add(new Sample(DateTimeOffset.UtcNow, totals, ProcStat.MachineBusyTicks()));
    }

    /// <summary>The cumulative totals at <paramref name="time"/>, interpolated between the samples around it.</summary>
    private Sample At(DateTimeOffset time)
    {
        if (_samples.Count == 0)
        {
            throw new InvalidOperationException("The meter was never started.");
        }

        if (time <= _samples[0].Time)
        {
            return _samples[0];
        }

        for (var i = 1; i < _samples.Count; i++)
        {
            if (_samples[i].Time >= time)
            {
                var before = _samples[i - 1];
                var after = _samples[i];
                var span = (after.Time - before.Time).TotalSeconds;
                var f = span <= 0 ? 1 : (time - before.Time).TotalSeconds / span;
                var totals = new double[before.Components.Length];
                for (var c = 0; c < totals.Length; c++)
                {
                    totals[c] = before.Components[c] + (f * (after.Components[c] - before.Components[c]));
                }

                return new Sample(time, totals, (long)(before.MachineBusy + (f * (after.MachineBusy - before.MachineBusy))));
            }
        }

        return _samples[^1];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    private sealed record Sample(DateTimeOffset Time, double[] Components, long MachineBusy);
}
