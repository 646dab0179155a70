using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>Starts <see cref="LoadWorker"/> as a child process (this same program, <c>e2e load</c>) and reads its report.</summary>
internal static class LoadProcess
{
    /// <summary>
    /// The load generator's thread pool does not spin before it sleeps: on this 2-core machine, shared by broker,
    /// server, database and generator, spinning threads (sched_yield) took CPU from whatever is being measured. The
    /// same generator with the same setting drives every scenario, baselines and ours.
    /// </summary>
    private static readonly Dictionary<string, string> LoadEnvironment = new() { ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" };

    public static ChildProcess Start(string host, int port, int devices, int fixesPerDevice, int qos, int seed, string devicePrefix, string logPath, Action<string> onLine)
    {
        var self = Assembly.GetEntryAssembly()!.Location;
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        string[] arguments =
        [
            self, "e2e", "load",
            "--host", host,
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--devices", devices.ToString(CultureInfo.InvariantCulture),
            "--fixes-per-device", fixesPerDevice.ToString(CultureInfo.InvariantCulture),
            "--qos", qos.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--device-prefix", devicePrefix,
        ];
        return ChildProcess.Start(dotnet, arguments, logPath, environment: LoadEnvironment, onLine: onLine);
    }

    /// <summary>Runs a load to the end and returns its report; throws if the generator failed.</summary>
    public static async Task<LoadReport> RunAsync(string host, int port, int devices, int fixesPerDevice, int qos, int seed, string devicePrefix, string logPath, Action<int>? started = null)
    {
        string? last = null;
        var child = Start(host, port, devices, fixesPerDevice, qos, seed, devicePrefix, logPath, line =>
        {
            if (line.StartsWith('{'))
            {
                last = line;
            }
        });
        int exitCode;
        try
        {
            started?.Invoke(child.Id);
            await child.WaitForExitAsync(CancellationToken.None);
            exitCode = child.ExitCode;
        }
        finally
        {
            await child.DisposeAsync(); // also drains its output, so the report line has been seen
        }

        return exitCode == 0 && last is not null && JsonSerializer.Deserialize<LoadReport>(last) is { } report
            ? report
            : throw new InvalidOperationException($"The load generator exited with {exitCode} without a report; see {logPath}.");
    }
}
