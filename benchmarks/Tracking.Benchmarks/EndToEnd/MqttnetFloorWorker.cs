using System.Globalization;
using System.Net;
using MQTTnet.Server;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// The floor of the embedded-broker design (<c>e2e mqttnet-floor --port P</c>): an MQTTnet 5 server built as the
/// Tracking server builds its broker, whose interception hook does nothing but count and drop the publish (as ours
/// does after ingesting it). What it costs per message is MQTTnet's own cost: no decoding, journal or database.
/// Prints <c>count first last</c> every 50 ms when something changed: messages since the last <c>mark</c> read on
/// standard input, and the unix ticks of the first and the latest of them.
/// </summary>
internal static class MqttnetFloorWorker
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var port = int.Parse(args[1], CultureInfo.InvariantCulture);
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(10_000)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .Build();
        using var server = new MqttServerFactory().CreateMqttServer(options);
        var counter = new FloorCounter();
        server.InterceptingPublishAsync += e =>
        {
            e.ProcessPublish = false;
            counter.Count(DateTime.UtcNow.Ticks);
            return Task.CompletedTask;
        };
        await server.StartAsync();
        _ = Task.Run(() =>
        {
            while (Console.ReadLine() is { } line)
            {
                if (line == "mark")
                {
                    counter.Mark();
                }
            }
        });

        var printed = "";
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (await timer.WaitForNextTickAsync())
        {
            var state = counter.ToString();
            if (state != printed)
            {
                Console.WriteLine(state);
                printed = state;
            }
        }

        return 0;
    }
}
