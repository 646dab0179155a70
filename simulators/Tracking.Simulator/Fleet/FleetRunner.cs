using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Tracking.Protocols;
using Tracking.Protocols.Native;

namespace Tracking.Simulator.Fleet;

/// <summary>
/// Runs a simulated fleet: every device has its own MQTT connection (client id = device id, as real trackers do)
/// and publishes native fixes at its rate until cancelled, reconnecting after a lost connection.
/// </summary>
public sealed class FleetRunner(FleetOptions options, TextWriter log)
{
    private long _published;
    private long _failed;

    public long Published => Interlocked.Read(ref _published);

    public long Failed => Interlocked.Read(ref _failed);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var devices = Enumerable.Range(1, options.Devices)
            .Select(i => new SimulatedDevice($"{options.DevicePrefix}{i:D4}", options.Seed + i))
            .ToList();
        await log.WriteLineAsync($"Simulating {devices.Count} devices at {options.FixesPerSecondPerDevice} fix/s each against {options.Host}:{options.Port} (QoS {(int)options.Qos}).");
        var tasks = devices.Select((device, i) => RunDeviceAsync(device, i, cancellationToken)).ToList();
        var report = ReportAsync(cancellationToken);
        await Task.WhenAll(tasks);
        await report;
    }

    private async Task RunDeviceAsync(SimulatedDevice device, int index, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(1 / options.FixesPerSecondPerDevice);
        // Spread the devices over the period so they don't all publish in the same millisecond.
        await Task.Delay(period * index / Math.Max(1, options.Devices), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        using var client = new MqttClientFactory().CreateMqttClient();
        var clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(device.Id)
            .WithCleanSession(false)
            .Build();
        using var timer = new PeriodicTimer(period);
        var topic = TopicRouter.NativeFixTopic(device.Id);
        var last = DateTimeOffset.UtcNow;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(clientOptions, cancellationToken);
                }

                var now = DateTimeOffset.UtcNow;
                var fix = device.Step(now - last, now);
                last = now;
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(NativeFixEncoder.Encode(fix))
                    .WithQualityOfServiceLevel(options.Qos)
                    .Build();
                await client.PublishAsync(message, cancellationToken);
                Interlocked.Increment(ref _published);
                await timer.WaitForNextTickAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
            {
                Interlocked.Increment(ref _failed);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        }
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await log.WriteLineAsync($"{DateTimeOffset.Now:HH:mm:ss} published {Published} fixes, {Failed} failed attempts");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
