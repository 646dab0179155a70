using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// One load generator process (this same program, <c>e2e load</c>; see <see cref="LoadWorker"/>): start it, wait for
/// its warm-up (<see cref="WarmedUp"/>: fixes it published), let it go (<see cref="Go"/>), await its report.
/// </summary>
internal sealed class LoadRun : IAsyncDisposable
{
    /// <summary>
    /// The generator's thread pool does not spin before it sleeps: on this 2-core machine, shared by broker, server,
    /// database and generator, spinning threads (sched_yield) took CPU from whatever was being measured. The same
    /// generator with the same setting drives every scenario, baselines and ours.
    /// </summary>
    private static readonly Dictionary<string, string> Environment = new() { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" };

    private readonly ChildProcess _process;
    private readonly TaskCompletionSource<long> _warm = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<LoadReport> _report = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoadRun(E2eOptions options, int port, int qos, string logPath)
    {
        var self = Assembly.GetEntryAssembly()!.Location;
        var dotnet = System.Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        _process = ChildProcess.Start(
            dotnet,
            [
                self, "e2e", "load",
                "--host", "127.0.0.1",
                "--port", port.ToString(CultureInfo.InvariantCulture),
                "--devices", options.Devices.ToString(CultureInfo.InvariantCulture),
                "--fixes-per-device", options.FixesPerDevice.ToString(CultureInfo.InvariantCulture),
                "--qos", qos.ToString(CultureInfo.InvariantCulture),
                "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
                "--warmup-seconds", options.WarmupSeconds.ToString(CultureInfo.InvariantCulture),
                "--device-prefix", "load-",
            ],
            logPath,
            environment: Environment,
            onLine: Received,
            input: true);
        _ = WatchExitAsync(logPath);
    }

    public int Id => _process.Id;

    /// <summary>Completes with the number of fixes the warm-up published.</summary>
    public Task<long> WarmedUp => _warm.Task;

    /// <summary>Completes with the measured run's report.</summary>
    public Task<LoadReport> Finished => _report.Task;

    public static LoadRun Start(E2eOptions options, int port, int qos, string logPath) => new(options, port, qos, logPath);

    /// <summary>Starts the measured load (after the warm-up).</summary>
    public void Go() => _process.Tell("GO");

    private void Received(string line)
    {
        if (line.StartsWith("WARM ", StringComparison.Ordinal))
        {
            _warm.TrySetResult(long.Parse(line.AsSpan(5), CultureInfo.InvariantCulture));
        }
        else if (line.StartsWith('{') && JsonSerializer.Deserialize<LoadReport>(line) is { } report)
        {
            _report.TrySetResult(report);
        }
    }

    private async Task WatchExitAsync(string logPath)
    {
        await _process.WaitForExitAsync(CancellationToken.None);
        await Task.Delay(500); // the last lines of output may still be on their way
        var failure = new InvalidOperationException($"The load generator exited without a report; see {logPath}.");
        _warm.TrySetException(failure);
        _report.TrySetException(failure);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
