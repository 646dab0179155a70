using System.Globalization;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// Reference point between the baselines and ours: the same load against a bare MQTTnet 5 server (see
/// <see cref="MqttnetFloorWorker"/>) in its own process with server GC, like the Tracking server. The gap between
/// this and Mosquitto is MQTTnet's; the gap between this and the Tracking server is ours (decode, journal, database).
/// fixes/s = messages its hook saw ÷ (first → last hook call).
/// </summary>
internal static class MqttnetFloorScenario
{
    public static async Task<ScenarioResult> RunAsync(RunContext context, int qos)
    {
        var options = context.Options;
        var name = $"mqttnet-floor-qos{qos}";
        var work = context.ScenarioDirectory(name);
        var port = FreePort.Next();
        var warm = options.WarmupFixesPerDevice > 0 ? (long)options.Devices * options.WarmupFixesPerDevice : 0;
        var state = new long[3];
        var self = System.Reflection.Assembly.GetEntryAssembly()!.Location;
        await using var broker = ChildProcess.Start(
            "dotnet",
            [self, "e2e", "mqttnet-floor", "--port", port.ToString(CultureInfo.InvariantCulture), "--skip", warm.ToString(CultureInfo.InvariantCulture)],
            Path.Combine(work, "broker.log"),
            environment: new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" },
            onLine: line =>
            {
                var parts = line.Split(' ');
                if (parts.Length == 3)
                {
                    lock (state)
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            state[i] = long.Parse(parts[i], CultureInfo.InvariantCulture);
                        }
                    }
                }
            });
        await FreePort.WaitOpenAsync(port, TimeSpan.FromSeconds(20));
        long Read(int i)
        {
            lock (state)
            {
                return state[i];
            }
        }

        if (warm > 0)
        {
            context.Say($"{name}: warm-up");
            await LoadProcess.RunAsync("127.0.0.1", port, options.Devices, options.WarmupFixesPerDevice, qos, options.Seed + 1_000_000, "warm-", Path.Combine(work, "warmup.log"));
        }

        int? loadPid = null;
        await using var meter = new CpuMeter(
        [
            CpuComponent.Single(Components.Server, broker.Id),
            new CpuComponent(Components.Load, () => loadPid is { } pid ? [pid] : []),
            CpuComponent.Single(Components.Harness, Environment.ProcessId),
        ]);
        meter.Start();
        context.Say($"{name}: {options.TotalFixes:N0} fixes from {options.Devices} connections");
        var report = await LoadProcess.RunAsync("127.0.0.1", port, options.Devices, options.FixesPerDevice, qos, options.Seed, "load-", Path.Combine(work, "load.log"), pid => loadPid = pid);
        var expected = warm + options.TotalFixes;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Read(0) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await meter.StopAsync();
        var received = Read(0) - warm;
        var from = new DateTimeOffset(Read(1), TimeSpan.Zero);
        var to = new DateTimeOffset(Read(2), TimeSpan.Zero);
        var detail = string.Create(CultureInfo.InvariantCulture, $"published {report.Published:N0} ({report.Failed} failed), hook saw {received:N0} of {options.TotalFixes:N0}");
        return new ScenarioResult(name, $"bare MQTTnet 5 server, no-op hook, QoS {qos} (reference)", options.TotalFixes, received, (to - from).TotalSeconds,
            report.Failed == 0 && received == options.TotalFixes, detail, meter.Measure(from, to))
        {
            PublishRate = report.PublishRate,
            AckMedianMs = qos > 0 ? report.MedianAckMs : null,
            AckP99Ms = qos > 0 ? report.P99AckMs : null,
            Notes = ["server = the bare MQTTnet process"],
        };
    }
}
