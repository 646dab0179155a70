using System.Globalization;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// Baseline: Mosquitto merely relaying the same native messages, at the same QoS, from the same device connections to
/// one subscriber. No decoding, no validation, nothing durable: the ceiling a broker alone reaches on this machine.
/// fixes/s = messages the subscriber received ÷ (last arrival − first arrival).
/// </summary>
internal static class MosquittoRelayScenario
{
    public static async Task<ScenarioResult> RunAsync(RunContext context, int qos)
    {
        var options = context.Options;
        var name = $"mosquitto-qos{qos}";
        var description = $"Mosquitto relay, QoS {qos} (baseline)";
        var work = context.ScenarioDirectory(name);
        await using var broker = await MosquittoBroker.StartAsync(options.Mosquitto, work);
        var publisher = Path.Combine(Path.GetDirectoryName(options.MosquittoSub) ?? "", "mosquitto_pub");
        await using var subscriber = await MosquittoSubscriber.StartAsync(
            options.MosquittoSub, publisher.StartsWith('/') ? publisher : "mosquitto_pub", broker.Port, qos, work);

        context.Say($"{name}: warm-up, {options.WarmupSeconds} s");
        await using var load = LoadRun.Start(options, broker.Port, qos, Path.Combine(work, "load.log"));
        var warm = await load.WarmedUp;
        await subscriber.WaitForAsync(warm, TimeSpan.FromSeconds(5));
        subscriber.Reset();

        await using var meter = new CpuMeter(
        [
            CpuComponent.Single(Components.Mosquitto, broker.Id),
            CpuComponent.Single(Components.Subscriber, subscriber.Id),
            CpuComponent.Single(Components.Load, load.Id),
            CpuComponent.Single(Components.Harness, Environment.ProcessId),
        ]);
        meter.Start();
        context.Say($"{name}: {options.TotalFixes:N0} fixes from {options.Devices} connections");
        load.Go();
        var report = await load.Finished;
        var received = await subscriber.WaitForAsync(options.TotalFixes, TimeSpan.FromSeconds(10));
        await meter.StopAsync();

        var from = subscriber.FirstReceived;
        var to = subscriber.LastReceived;
        var zeroLoss = report.Failed == 0 && received == options.TotalFixes;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"published {report.Published:N0} ({report.Failed} failed), subscriber received {received:N0} of {options.TotalFixes:N0}");
        return new ScenarioResult(name, description, options.TotalFixes, received, (to - from).TotalSeconds, zeroLoss, detail, meter.Measure(from, to))
        {
            PublishRate = report.PublishRate,
            AckMedianMs = qos > 0 ? report.MedianAckMs : null,
            AckP99Ms = qos > 0 ? report.P99AckMs : null,
            Notes = [string.Create(CultureInfo.InvariantCulture, $"warm-up: {warm:N0} fixes in {options.WarmupSeconds} s before the measured run")],
        };
    }
}
