using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using Tracking.Simulator.Fleet;
using Tracking.Simulator.Load;
using Tracking.Testing;

namespace Tracking.Simulator.Tests.Load;

/// <summary>The load generator and the fleet against a real Mosquitto, counted by a subscriber.</summary>
public sealed class LoadGeneratorTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;
    private IMqttClient _subscriber = null!;
    private readonly ConcurrentDictionary<string, int> _perTopic = new();
    private int _received;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _subscriber = new MqttClientFactory().CreateMqttClient();
        _subscriber.ApplicationMessageReceivedAsync += e =>
        {
            _perTopic.AddOrUpdate(e.ApplicationMessage.Topic, 1, (_, n) => n + 1);
            Interlocked.Increment(ref _received);
            return Task.CompletedTask;
        };
        await _subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("counter").Build());
        await _subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("tracking/+/fix", MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }

    public async Task DisposeAsync()
    {
        _subscriber.Dispose();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task A_load_run_publishes_every_fix_from_its_own_connection_per_device_and_reports_them()
    {
        var options = new LoadOptions("127.0.0.1", _broker.Port, Devices: 20, FixesPerDevice: 50, MqttQualityOfServiceLevel.AtLeastOnce, Seed: 1);

        var result = await new LoadGenerator(options).RunAsync(CancellationToken.None);

        Assert.Equal(1000, result.Published);
        Assert.Equal(0, result.Failed);
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref _received)), n => n >= 1000, "1000 messages at the subscriber");
        Assert.Equal(20, _perTopic.Count);
        Assert.All(_perTopic.Values, count => Assert.Equal(50, count));
        Assert.Equal(LoadGenerator.DeviceIds(options).Select(id => $"tracking/{id}/fix").Order(), _perTopic.Keys.Order());
    }

    [Fact]
    public async Task The_fleet_reports_from_every_device_until_cancelled()
    {
        var runner = new FleetRunner(new FleetOptions("127.0.0.1", _broker.Port, Devices: 5, FixesPerSecondPerDevice: 20, MqttQualityOfServiceLevel.AtLeastOnce, Seed: 3, DevicePrefix: "fleet-"), TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);

        await Eventually.UntilAsync(() => Task.FromResult(_perTopic.Count(t => t.Key.StartsWith("tracking/fleet-", StringComparison.Ordinal) && t.Value >= 3)), n => n == 5, "three fixes from each of five devices");
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, runner.Failed);
        Assert.True(runner.Published >= 15);
    }
}
