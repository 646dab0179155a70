using System.Globalization;
using System.Text.Json;
using MQTTnet.Protocol;
using Tracking.Simulator.Load;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// The load generator side of the harness (<c>e2e load …</c>): runs the simulator's <see cref="LoadGenerator"/> in a
/// process of its own, so its CPU is measured apart from the broker's and the server's, and prints a <see cref="LoadReport"/>.
/// </summary>
internal static class LoadWorker
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        var options = new LoadOptions(
            values["--host"],
            Int(values["--port"]),
            Int(values["--devices"]),
            Int(values["--fixes-per-device"]),
            (MqttQualityOfServiceLevel)Int(values["--qos"]),
            Int(values["--seed"]),
            values["--device-prefix"]);
        var result = await new LoadGenerator(options).RunAsync(CancellationToken.None);
        var report = new LoadReport(result.Published, result.Failed, result.Elapsed.TotalSeconds, result.MedianAckMs, result.P99AckMs, DateTimeOffset.UtcNow);
        Console.WriteLine(JsonSerializer.Serialize(report));
        return 0;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
