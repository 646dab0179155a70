using System.Globalization;
using Tracking.Testing;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// A private Mosquitto for the relay baseline, on a port of its own. Configured not to be the bottleneck or to drop:
/// no limit on in-flight or queued messages per client (mosquitto.conf(5): 0 = no maximum), no persistence
/// (the baseline relays, it does not store), anonymous access on loopback only.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private MosquittoBroker(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Id => _process.Id;

    public static async Task<MosquittoBroker> StartAsync(string binary, string workDirectory)
    {
        var port = FreePort.Next();
        var config = Path.Combine(workDirectory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_inflight_messages 0
            max_queued_messages 0
            max_queued_bytes 0
            connection_messages false
            log_type error
            log_type warning
            """));
        var process = ChildProcess.Start(binary, ["-c", config], Path.Combine(workDirectory, "mosquitto.log"));
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(10));
        return new MosquittoBroker(process, port);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
