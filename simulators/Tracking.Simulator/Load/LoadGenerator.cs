using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using Tracking.Protocols.Native;
using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Load;

/// <summary>
/// Drives a broker as hard as it will go, the way a real fleet does: many device connections, each publishing its
/// next fix as soon as the previous one was acknowledged (QoS 1) or written (QoS 0). Fix times are spaced one second
/// apart per device, so every fix is distinct on (device, device time) and must be stored.
/// </summary>
public sealed class LoadGenerator(LoadOptions options)
{
    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clients = new IMqttClient[options.Devices];
        var connects = new Task[options.Devices];
        for (var i = 0; i < options.Devices; i++)
        {
            clients[i] = new MqttClientFactory().CreateMqttClient();
            var clientOptions = new MqttClientOptionsBuilder()
                .WithTcpServer(options.Host, options.Port)
                .WithClientId($"{options.DevicePrefix}{i:D5}")
                .WithTimeout(TimeSpan.FromSeconds(60))
                .Build();

            // MQTTnet closes with a TCP reset by default, which discards QoS 0 publishes the broker has not read yet:
            // close gracefully so the end of a QoS 0 run arrives too.
            ((MqttClientTcpOptions)clientOptions.ChannelOptions).LingerState = new System.Net.Sockets.LingerOption(false, 0);
            connects[i] = clients[i].ConnectAsync(clientOptions, cancellationToken);
        }

        await Task.WhenAll(connects);
        var latencies = new double[options.Devices][];
        var failed = 0L;
        var start = DateTimeOffset.UtcNow.AddSeconds(-options.FixesPerDevice).AddMinutes(-1);
        var stopwatch = Stopwatch.StartNew();
        var publishers = clients.Select((client, i) => Task.Run(async () =>
        {
            var device = new SimulatedDevice($"{options.DevicePrefix}{i:D5}", options.Seed + i);
            var topic = $"{options.TopicPrefix}{device.Id}/fix";
            var mine = new double[options.FixesPerDevice];
            for (var n = 0; n < options.FixesPerDevice; n++)
            {
                var fix = device.Step(TimeSpan.FromSeconds(1), start.AddSeconds(n));
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(NativeFixEncoder.Encode(fix))
                    .WithQualityOfServiceLevel(options.Qos)
                    .Build();
                var sent = Stopwatch.GetTimestamp();
                var result = await client.PublishAsync(message, cancellationToken);
                mine[n] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (!result.IsSuccess)
                {
                    Interlocked.Increment(ref failed);
                }
            }

            latencies[i] = mine;
        }, cancellationToken)).ToArray();
        await Task.WhenAll(publishers);
        stopwatch.Stop();

        foreach (var client in clients)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            client.Dispose();
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(
            (long)options.Devices * options.FixesPerDevice - failed,
            failed,
            stopwatch.Elapsed,
            all.Length == 0 ? 0 : all[all.Length / 2],
            all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]);
    }

    /// <summary>The device ids a run with these options publishes as.</summary>
    public static IEnumerable<string> DeviceIds(LoadOptions options) =>
        Enumerable.Range(0, options.Devices).Select(i => $"{options.DevicePrefix}{i:D5}");
}
