using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MQTTnet.Protocol;
using Tracking.Simulator.Load;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// The load generator side of the harness (<c>e2e load …</c>): runs the simulator's <see cref="LoadGenerator"/> in a
/// process of its own, so its CPU is measured apart from the broker's and the server's.
/// <para>
/// Warm-up first, for <c>--warmup-seconds</c> of load (device ids <c>warm0-…</c>, <c>warm1-…</c>): a profile of the
/// server showed 30% of its CPU in tier-1 JIT compilation 2–10 s into the load and none after 30 s, and this process
/// tiers up the same way. Then it prints <c>WARM n</c> (fixes published) and waits for <c>GO</c> on its standard
/// input, so the harness can let the system under test settle and start its meters; then the measured load
/// (device ids <c>load-…</c>) and a <see cref="LoadReport"/> as JSON.
/// </para>
/// </summary>
internal static class LoadWorker
{
    private const int FirstWarmupFixesPerDevice = 50;
    private const int MaxQos0WarmupFixesPerDevice = 500;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        var host = values["--host"];
        var port = Int(values["--port"]);
        var devices = Int(values["--devices"]);
        var qos = (MqttQualityOfServiceLevel)Int(values["--qos"]);
        var seed = Int(values["--seed"]);
        var warmup = TimeSpan.FromSeconds(Int(values["--warmup-seconds"]));

        var warmed = 0L;
        var clock = Stopwatch.StartNew();
        var perDevice = FirstWarmupFixesPerDevice;
        for (var round = 0; clock.Elapsed < warmup; round++)
        {
            var result = await new LoadGenerator(new LoadOptions(host, port, devices, perDevice, qos, seed + 1_000_000 + round, $"warm{round}-"))
                .RunAsync(CancellationToken.None);
            warmed += result.Published;

            // Size the next round to fill the time that is left at the rate just seen. At QoS 0 that rate is how fast the
            // sockets take the bytes, not how fast the broker reads them: one long round left Mosquitto more than its
            // keep-alive (1.5 × 15 s) behind on some connections, it closed them, and the generator died of the broken
            // pipe. Rounds of at most MaxQos0WarmupFixesPerDevice keep the backlog to a few seconds.
            var left = (warmup - clock.Elapsed).TotalSeconds;
            perDevice = (int)Math.Clamp(result.FixesPerSecond * left / devices, 10, qos == MqttQualityOfServiceLevel.AtMostOnce ? MaxQos0WarmupFixesPerDevice : 100_000);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WARM {warmed}"));
        if (warmup > TimeSpan.Zero && Console.ReadLine() != "GO")
        {
            return 2;
        }

        var options = new LoadOptions(host, port, devices, Int(values["--fixes-per-device"]), qos, seed, values["--device-prefix"]);
        var measured = await new LoadGenerator(options).RunAsync(CancellationToken.None);
        var report = new LoadReport(measured.Published, measured.Failed, measured.Elapsed.TotalSeconds, measured.MedianAckMs, measured.P99AckMs, DateTimeOffset.UtcNow);
        Console.WriteLine(JsonSerializer.Serialize(report));
        return 0;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
