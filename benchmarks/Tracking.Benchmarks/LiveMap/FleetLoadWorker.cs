using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Tracking.Protocols;
using Tracking.Protocols.Native;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// The fleet (<c>livemap load …</c>, a process of its own so its CPU is measured apart): every unit's tracker
/// publishes a native fix at its rate, each fix stamped with the wall clock when it is made. The units are spread
/// over the connections; each connection publishes its units in turn, evenly spaced, and (QoS 1) waits for each
/// acknowledgement, which the server sends once the fix is durable. The connections carry several units each, so they
/// log in with a gateway service account (<c>--username</c>, <c>--password</c>). Prints <c>READY</c> once connected, starts on
/// <c>GO</c>, prints <c>WINDOW</c> counts on <c>MARK</c> (start of the measured window) and a
/// <see cref="FleetLoadReport"/> on <c>STOP</c>.
/// </summary>
internal static class FleetLoadWorker
{
    private static long _published;
    private static long _failed;
    private static long _late;
    private static readonly MillisecondHistogram Acks = new();

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        var port = int.Parse(values["--port"], CultureInfo.InvariantCulture);
        var units = int.Parse(values["--units"], CultureInfo.InvariantCulture);
        var rate = double.Parse(values["--rate"], CultureInfo.InvariantCulture);
        var connectionCount = Math.Min(units, int.Parse(values["--connections"], CultureInfo.InvariantCulture));
        var qos = (MqttQualityOfServiceLevel)int.Parse(values["--qos"], CultureInfo.InvariantCulture);
        var seed = int.Parse(values["--seed"], CultureInfo.InvariantCulture);

        var factory = new MqttClientFactory();
        var clients = new IMqttClient[connectionCount];
        for (var c = 0; c < connectionCount; c++)
        {
            clients[c] = factory.CreateMqttClient();
        }

        var connected = await Task.WhenAll(clients.Select((client, c) => client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(string.Create(CultureInfo.InvariantCulture, $"lm-conn-{c:D4}"))
            .WithCredentials(values["--username"], values["--password"])
            .WithTimeout(TimeSpan.FromSeconds(60))
            .Build())));
        if (connected.FirstOrDefault(result => result.ResultCode != MqttClientConnectResultCode.Success) is { } refused)
        {
            throw new InvalidOperationException($"The server refused a fleet connection: {refused.ResultCode}");
        }

        Console.WriteLine("READY");
        if (Console.ReadLine() != "GO")
        {
            return 2;
        }

        using var stop = new CancellationTokenSource();
        var start = Stopwatch.GetTimestamp();
        var loops = clients.Select((client, c) => Task.Run(() => PublishAsync(client, c, connectionCount, units, rate, qos, seed, start, stop.Token))).ToArray();
        var windowStart = Stopwatch.GetTimestamp();
        long publishedAtMark = 0, failedAtMark = 0, lateAtMark = 0;
        while (Console.ReadLine() is { } line && line != "STOP")
        {
            if (line == "MARK")
            {
                windowStart = Stopwatch.GetTimestamp();
                (publishedAtMark, failedAtMark, lateAtMark) = (Interlocked.Read(ref _published), Interlocked.Read(ref _failed), Interlocked.Read(ref _late));
                Acks.Clear();
                Console.WriteLine("WINDOW");
            }
        }

        var report = new FleetLoadReport(
            Interlocked.Read(ref _published) - publishedAtMark,
            Interlocked.Read(ref _failed) - failedAtMark,
            Interlocked.Read(ref _late) - lateAtMark,
            Stopwatch.GetElapsedTime(windowStart).TotalSeconds,
            qos == MqttQualityOfServiceLevel.AtMostOnce ? null : Acks.Percentile(0.5),
            qos == MqttQualityOfServiceLevel.AtMostOnce ? null : Acks.Percentile(0.99));
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        Console.WriteLine(JsonSerializer.Serialize(report));
        foreach (var client in clients)
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptions());
            }

            client.Dispose();
        }

        return 0;
    }

    private static async Task PublishAsync(IMqttClient client, int connection, int connections, int units, double rate, MqttQualityOfServiceLevel qos, int seed, long start, CancellationToken stop)
    {
        var mine = new List<WalkingUnit>();
        for (var unit = connection; unit < units; unit += connections)
        {
            mine.Add(new WalkingUnit(BenchFleet.DeviceId(unit), seed + unit));
        }

        // Evenly spaced, each connection offset a little from the others so the publishes spread over the second.
        var spacing = 1.0 / (rate * mine.Count);
        var offset = spacing * connection / connections;
        var topics = mine.Select(u => TopicRouter.NativeFixTopic(u.DeviceId)).ToArray();
        for (long n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = offset + (n * spacing);
            var wait = due - Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (stop.IsCancellationRequested)
                {
                    return;
                }
            }
            else if (wait < -1)
            {
                Interlocked.Increment(ref _late);
            }

            var index = (int)(n % mine.Count);
            var fix = mine[index].Next(DateTimeOffset.UtcNow);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topics[index])
                .WithPayload(NativeFixEncoder.Encode(fix))
                .WithQualityOfServiceLevel(qos)
                .Build();
            try
            {
                var sent = Stopwatch.GetTimestamp();
                await client.PublishAsync(message, stop);
                Acks.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Interlocked.Increment(ref _published);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }
}
