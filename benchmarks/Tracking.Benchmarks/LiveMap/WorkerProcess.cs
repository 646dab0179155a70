using System.Reflection;
using System.Text.Json;
using Tracking.Benchmarks.EndToEnd;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// A process of this same program doing one part of the run (<c>livemap load</c>, <c>livemap clients</c>): it says
/// <c>READY</c>, is told what to do on its standard input, and ends with a JSON report on one line.
/// </summary>
internal sealed class WorkerProcess<TReport> : IAsyncDisposable
{
    // As in the ingestion harness: no thread-pool spinning in the workers, so they take no CPU from what is measured.
    private static readonly Dictionary<string, string> Environment = new() { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" };

    private readonly ChildProcess _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TReport> _report = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, TaskCompletionSource> _said = [];

    public WorkerProcess(IEnumerable<string> arguments, string logPath, params string[] acknowledgements)
    {
        foreach (var word in acknowledgements)
        {
            _said[word] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var self = Assembly.GetEntryAssembly()!.Location;
        var dotnet = System.Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        _process = ChildProcess.Start(dotnet, [self, .. arguments], logPath, environment: Environment, onLine: Received, input: true);
        LogPath = logPath;
        _ = WatchExitAsync();
    }

    public int Id => _process.Id;

    public string LogPath { get; }

    public Task Ready => _ready.Task;

    public Task<TReport> Report => _report.Task;

    /// <summary>Completes when the worker printed <paramref name="word"/> (one of the acknowledgements it was started with).</summary>
    public Task Said(string word) => _said[word].Task;

    public void Tell(string line) => _process.Tell(line);

    private void Received(string line)
    {
        if (line == "READY")
        {
            _ready.TrySetResult();
        }
        else if (_said.TryGetValue(line, out var said))
        {
            said.TrySetResult();
        }
        else if (line.StartsWith('{') && JsonSerializer.Deserialize<TReport>(line) is { } report)
        {
            _report.TrySetResult(report);
        }
    }

    private async Task WatchExitAsync()
    {
        await _process.WaitForExitAsync(CancellationToken.None);
        await Task.Delay(500); // the last lines may still be on their way
        var failure = new InvalidOperationException($"The worker exited without its report; see {LogPath}.");
        _ready.TrySetException(failure);
        _report.TrySetException(failure);
        foreach (var said in _said.Values)
        {
            said.TrySetException(failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A worker ends by itself after its report; give it the time to, rather than signal a process on its way out.
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(exited.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _process.DisposeAsync();
    }
}
