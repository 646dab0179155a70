using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;
using Spectre.Console;
using Tracking.Simulator.Demo;
using Tracking.Simulator.Protocols;
using Tracking.Simulator.Tests.Support;
using Tracking.Testing;

namespace Tracking.Simulator.Tests.Demo;

/// <summary>
/// The demo mode end to end over a real MQTT broker (Mosquitto) and a stand-in for the server's command-and-control API
/// (<see cref="FakeControlRoom"/>): reference data imported, positions in each device's protocol, statuses, an incident
/// posted, the server's recommendation assigned, and the unit sent by the dispatch that reached its devices over MQTT.
/// </summary>
public sealed class DemoEndToEndTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _byKind = new(StringComparer.Ordinal);
    private MosquittoBroker _broker = null!;
    private IMqttClient _server = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _server = new MqttClientFactory().CreateMqttClient();
        _server.ApplicationMessageReceivedAsync += e =>
        {
            var topic = e.ApplicationMessage.Topic;
            var kind = topic.StartsWith("owntracks/", StringComparison.Ordinal) ? "owntracks" : topic[(topic.LastIndexOf('/') + 1)..];
            _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        };
        await _server.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port).WithClientId("fake-server").Build());
        await _server.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("tracking/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("owntracks/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
    }

    public async Task DisposeAsync()
    {
        _server.Dispose();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task The_demo_imports_its_fleet_reports_in_every_vehicle_protocol_and_sends_the_unit_the_server_assigns()
    {
        var fake = new FakeControlRoom(_server);
        var options = new DemoOptions("127.0.0.1", _broker.Port, new Uri("http://control-room.test/"), new Uri("http://osmand.test/"),
            Vehicles: 6, Foot: 2, Seed: 3, Speed: 60, Lead: TimeSpan.FromHours(1), Duration: null, MqttQualityOfServiceLevel.AtLeastOnce,
            Path.Combine(RepositoryPaths.Root, "maps", "leicester"))
        {
            FirstIncidentAfter = TimeSpan.FromSeconds(5),
            StatusEvery = TimeSpan.FromMinutes(10),
            // A server outside demo mode wants a token on every API request.
            ApiToken = "trk_simulator-test-token",
        };
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var runner = new DemoRunner(options, console, TimeProvider.System, fake);
        using var stop = new CancellationTokenSource();

        var running = runner.RunAsync(stop.Token);
        await Eventually.UntilAsync(() => Task.FromResult(runner.SentByServer), n => n >= 1, "a unit sent by the server's dispatch");
        await Eventually.UntilAsync(() => Task.FromResult(_byKind.GetValueOrDefault("fix") > 0 && _byKind.GetValueOrDefault("nmea") > 0 && _byKind.GetValueOrDefault("lip") > 0),
            seen => seen, "native, NMEA and LIP positions at the broker");
        await stop.CancelAsync();
        var summary = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(
            ["api/accreditations/import", "api/devices/import", "api/officers/import", "api/shifts/import", "api/units/import"],
            fake.Imported.Keys.Order());
        Assert.All(fake.Imported.Values, rows => Assert.True(rows > 0));
        Assert.True(summary.CommandAndControl);
        Assert.NotEmpty(fake.ApiAuthorizations);
        Assert.All(fake.ApiAuthorizations, header => Assert.Equal("Bearer trk_simulator-test-token", header));
        Assert.NotEmpty(fake.Incidents);
        Assert.True(fake.Recommendations >= 1);
        Assert.NotEmpty(fake.Assignments);
        Assert.True(summary.DispatchesReceived >= 1);
        Assert.True(summary.SentByServer >= 1);
        Assert.True(_byKind.GetValueOrDefault("status") > 0, "no unit status was published");
        Assert.True(summary.Sent[DeviceProtocol.NativeJson] + summary.Sent[DeviceProtocol.Nmea] + summary.Sent[DeviceProtocol.TetraLip] > 0);
        Assert.Equal(0, summary.Dropped);
    }
}
