using System.Globalization;
using Tracking.Testing;

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
        var state = new long[3];
        var self = System.Reflection.Assembly.GetEntryAssembly()!.Location;
        await using var broker = ChildProcess.Start(
            "dotnet",
            [self, "e2e", "mqttnet-floor", "--port", port.ToString(CultureInfo.InvariantCulture)],
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
            },
            input: true);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(20));
        long Read(int i)
        {
            lock (state)
            {
                return state[i];
            }
        }

        async Task WaitCountAsync(Func<long, bool> done, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!done(Read(0)) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }

        context.Say($"{name}: warm-up, {options.WarmupSeconds} s");
        await using var load = LoadRun.Start(options, port, qos, Path.Combine(work, "load.log"));
        var warm = await load.WarmedUp;
        await WaitCountAsync(count => count >= warm, TimeSpan.FromSeconds(10));
        broker.Tell("mark");
        await WaitCountAsync(count => count == 0, TimeSpan.FromSeconds(5)); // the mark has been taken

        await using var meter = new CpuMeter(
        [
            CpuComponent.Single(Components.Server, broker.Id),
            CpuComponent.Single(Components.Load, load.Id),
            CpuComponent.Single(Components.Harness, Environment.ProcessId),
        ]);
        meter.Start();
        context.Say($"{name}: {options.TotalFixes:N0} fixes from {options.Devices} connections");
        load.Go();
        var report = await load.Finished;
        await WaitCountAsync(count => count >= options.TotalFixes, TimeSpan.FromSeconds(10));
        await Task.Delay(100); // one more print, so first and last belong to the final count
        await meter.StopAsync();

        var received = Read(0);
        var from = new DateTimeOffset(Read(1), TimeSpan.Zero);
        var to = new DateTimeOffset(Read(2), TimeSpan.Zero);
        var detail = string.Create(CultureInfo.InvariantCulture, $"published {report.Published:N0} ({report.Failed} failed), hook saw {received:N0} of {options.TotalFixes:N0}");
        return new ScenarioResult(name, $"bare MQTTnet 5 server, no-op hook, QoS {qos} (reference)", options.TotalFixes, received, (to - from).TotalSeconds,
            report.Failed == 0 && received == options.TotalFixes, detail, meter.Measure(from, to))
        {
            PublishRate = report.PublishRate,
            AckMedianMs = qos > 0 ? report.MedianAckMs : null,
            AckP99Ms = qos > 0 ? report.P99AckMs : null,
            Notes = ["server = the bare MQTTnet process", string.Create(CultureInfo.InvariantCulture, $"warm-up: {warm:N0} fixes in {options.WarmupSeconds} s")],
        };
    }
}
