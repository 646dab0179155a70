using System.Diagnostics;
using System.Globalization;
using System.Net;
using MQTTnet.Server;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// The floor of the embedded-broker design (<c>e2e mqttnet-floor --port P --skip W</c>): an MQTTnet 5 server built as
/// the Tracking server builds its broker, whose interception hook does nothing but count and drop the publish (as
/// ours does after ingesting it). What it costs per message is MQTTnet's own cost: no decoding, journal or database.
/// Prints <c>count first last</c> (last two: unix ticks of message W+1 and of the latest) whenever the count changed.
/// </summary>
internal static class MqttnetFloorWorker
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var port = int.Parse(args[1], CultureInfo.InvariantCulture);
        var skip = long.Parse(args[3], CultureInfo.InvariantCulture);
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(10_000)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .Build();
        using var server = new MqttServerFactory().CreateMqttServer(options);
        long count = 0;
        long first = 0;
        long last = 0;
        server.InterceptingPublishAsync += e =>
        {
            e.ProcessPublish = false;
            var now = DateTime.UtcNow.Ticks;
            if (Interlocked.Increment(ref count) == skip + 1)
            {
                Volatile.Write(ref first, now);
            }

            Volatile.Write(ref last, now);
            return Task.CompletedTask;
        };
        await server.StartAsync();
        Console.WriteLine("ready");

        var printed = -1L;
        var stopwatch = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (await timer.WaitForNextTickAsync())
        {
            var now = Interlocked.Read(ref count);
            if (now != printed)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{now} {Volatile.Read(ref first)} {Volatile.Read(ref last)}"));
                printed = now;
            }
        }

        return 0;
    }
}
