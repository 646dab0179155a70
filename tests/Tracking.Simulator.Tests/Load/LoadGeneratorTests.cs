using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
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
    public async Task Devices_can_share_fewer_connections_and_still_publish_every_fix()
    {
        var options = new LoadOptions("127.0.0.1", _broker.Port, Devices: 12, FixesPerDevice: 25, MqttQualityOfServiceLevel.AtLeastOnce, Seed: 2, DevicePrefix: "shared-", Connections: 3);

        var result = await new LoadGenerator(options).RunAsync(CancellationToken.None);

        Assert.Equal(3, result.Connections);
        Assert.Equal(300, result.Published);
        Assert.Equal(300, result.Acknowledged);
        await Eventually.UntilAsync(() => Task.FromResult(_perTopic.Count(t => t.Key.StartsWith("tracking/shared-", StringComparison.Ordinal) && t.Value == 25)), n => n == 12, "25 fixes from each of 12 devices");
    }

    [Fact]
    public async Task A_broker_restart_mid_run_is_counted_as_failed_publishes_and_the_run_goes_on()
    {
        var options = new LoadOptions("127.0.0.1", _broker.Port, Devices: 5, FixesPerDevice: 100, MqttQualityOfServiceLevel.AtLeastOnce, Seed: 3, DevicePrefix: "outage-", RatePerDevice: 10);
        var generator = new LoadGenerator(options);

        var running = generator.RunAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => Task.FromResult(generator.Progress.Published), n => n >= 20, "the run to be publishing");
        await _broker.RestartAsync(TimeSpan.FromSeconds(2));
        var result = await running;

        Assert.True(result.Failed > 0, result.ToString());
        Assert.Equal(500, result.Published + result.Failed);
        Assert.True(result.Published > 20, result.ToString());
    }
}
