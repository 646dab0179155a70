using System.Diagnostics;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Tracking.Simulator.Transport;
using Tracking.Protocols.Native;

namespace Tracking.Simulator.Load;

/// <summary>
/// Drives a broker the way a real fleet does: many device connections (or fewer, shared by several devices each), each
/// device publishing its next fix as soon as the previous one was acknowledged (QoS 1) or written (QoS 0), or at a fixed
/// rate. Fix times are spaced one second apart per device, so every fix is distinct on (device, device time) and must be
/// stored. A failed publish is counted and the run goes on: a dropped connection is reopened and the device carries on
/// with its next fix. <see cref="Progress"/> may be read from another thread while the run goes on.
/// </summary>
public sealed class LoadGenerator(LoadOptions options)
{
    private long _published;
    private long _failed;

    /// <summary>Fixes published and failed so far.</summary>
    public (long Published, long Failed) Progress => (Interlocked.Read(ref _published), Interlocked.Read(ref _failed));

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connections = new Connection[options.ConnectionCount];
        var oneEach = connections.Length == options.Devices;
        for (var c = 0; c < connections.Length; c++)
        {
            var clientId = oneEach ? $"{options.DevicePrefix}{c:D5}" : $"{options.DevicePrefix}conn-{c:D4}";
            connections[c] = new Connection(options.Host, options.Port, clientId, options.Username, options.Password);
        }

        await Task.WhenAll(connections.Select(c => c.ConnectAsync(cancellationToken)));
        var latencies = new double[options.Devices][];
        var acknowledged = 0L;
        var start = DateTimeOffset.UtcNow.AddSeconds(-options.FixesPerDevice).AddMinutes(-1);
        var stopwatch = Stopwatch.StartNew();
        var publishers = Enumerable.Range(0, options.Devices).Select(i => Task.Run(async () =>
        {
            var connection = connections[i % connections.Length];
            var device = new RandomWalkDevice($"{options.DevicePrefix}{i:D5}", options.Seed + i);
            var topic = $"{options.TopicPrefix}{device.Id}/fix";
            var mine = new List<double>(options.FixesPerDevice);
            for (var n = 0; n < options.FixesPerDevice && !cancellationToken.IsCancellationRequested; n++)
            {
                if (options.RatePerDevice > 0)
                {
                    var due = TimeSpan.FromSeconds(n / options.RatePerDevice) - stopwatch.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    }
                }

                var fix = device.Step(TimeSpan.FromSeconds(1), start.AddSeconds(n));
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(NativeFixEncoder.Encode(fix))
                    .WithQualityOfServiceLevel(options.Qos)
                    .Build();
                var sent = Stopwatch.GetTimestamp();
                var outcome = await connection.PublishAsync(message, cancellationToken);
                if (outcome is null)
                {
                    Interlocked.Increment(ref _failed);
                    continue;
                }

                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Interlocked.Increment(ref _published);
                if (options.Qos != MqttQualityOfServiceLevel.AtMostOnce && outcome.Value)
                {
                    Interlocked.Increment(ref acknowledged);
                }
            }

            latencies[i] = [.. mine];
        }, cancellationToken)).ToArray();
        await Task.WhenAll(publishers);
        stopwatch.Stop();

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        return new LoadResult(
            Interlocked.Read(ref _published),
            Interlocked.Read(ref _failed),
            stopwatch.Elapsed,
            all.Length == 0 ? 0 : all[all.Length / 2],
            all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))],
            Interlocked.Read(ref acknowledged),
            connections.Length);
    }

    /// <summary>The device ids a run with these options publishes as.</summary>
    public static IEnumerable<string> DeviceIds(LoadOptions options) =>
        Enumerable.Range(0, options?.Devices ?? 0).Select(i => $"{options!.DevicePrefix}{i:D5}");

    /// <summary>One MQTT connection, shared by the devices that publish over it; reopened after it drops.</summary>
    private sealed class Connection : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly MqttClientOptions _options;
        private readonly SemaphoreSlim _reconnect = new(1, 1);

        public Connection(string host, int port, string clientId, string? username, string? password)
        {
            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId(clientId)
                .WithTimeout(TimeSpan.FromSeconds(60));
            if (!string.IsNullOrEmpty(username))
            {
                builder.WithCredentials(username, password);
            }

            _options = builder.Build();

            // MQTTnet closes with a TCP reset by default, which discards QoS 0 publishes the broker has not read yet:
            // close gracefully so the end of a QoS 0 run arrives too.
            ((MqttClientTcpOptions)_options.ChannelOptions).LingerState = new System.Net.Sockets.LingerOption(false, 0);
        }

        public Task ConnectAsync(CancellationToken cancellationToken) => ConnectRefusedException.ConnectAsync(_client, _options, cancellationToken);

        /// <summary>True when acknowledged (or written, at QoS 0), false when the broker refused it, null when the publish failed.</summary>
        public async Task<bool?> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await ReconnectAsync(cancellationToken);
                }

                var result = await _client.PublishAsync(message, cancellationToken);
                return result.IsSuccess;
            }
            catch (Exception exception) when (exception is MqttCommunicationException or InvalidOperationException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return null;
            }
        }

        private async Task ReconnectAsync(CancellationToken cancellationToken)
        {
            await _reconnect.WaitAsync(cancellationToken);
            try
            {
                if (!_client.IsConnected)
                {
                    await ConnectRefusedException.ConnectAsync(_client, _options, cancellationToken);
                }
            }
            finally
            {
                _reconnect.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                try
                {
                    await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
                }
                catch (MqttCommunicationException)
                {
                    // Already gone: nothing left to close politely.
                }
            }

            _client.Dispose();
            _reconnect.Dispose();
        }
    }
}
