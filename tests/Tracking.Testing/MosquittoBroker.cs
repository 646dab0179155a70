using System.Diagnostics;
using System.Globalization;

namespace Tracking.Testing;

/// <summary>
/// A real Mosquitto broker (Debian's package, installed by <c>./test.sh</c>) on a loopback port the OS picked, with
/// its own configuration and persistence directory, so a test can stop and restart it without losing sessions.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private const string Executable = "/usr/sbin/mosquitto";
    private readonly string _directory;
    private Process? _process;

    private MosquittoBroker(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The broker's own directory (configuration, persistence, log), for files a test gives it, such as a password file.</summary>
    public string Directory => _directory;

    /// <summary>
    /// Starts a broker. <paramref name="access"/> replaces the default <c>allow_anonymous true</c> with the test's own
    /// access settings (<c>password_file</c>, <c>acl_file</c>…); <paramref name="prepare"/> writes files into the
    /// broker's directory first (it gets the directory).
    /// </summary>
    public static async Task<MosquittoBroker> StartAsync(string? access = null, Func<string, Task>? prepare = null)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: run the tests with ./test.sh, which installs Mosquitto.");
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("tracking-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, FreePort.Next());
        await File.WriteAllTextAsync(Path.Combine(directory, "mosquitto.conf"), string.Create(CultureInfo.InvariantCulture, $"""
            listener {broker.Port} 127.0.0.1
            {access ?? "allow_anonymous true"}
            # Sessions and queued QoS 1 messages survive a restart (saved on shutdown).
            persistence true
            persistence_location {directory}/
            # No limits that would drop or hold back messages for a slow or absent subscriber.
            max_inflight_messages 0
            max_queued_messages 0
            user root
            log_dest file {directory}/mosquitto.log
            """));
        if (prepare is not null)
        {
            await prepare(directory);
        }

        await broker.StartProcessAsync();
        return broker;
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Path.Combine(_directory, "mosquitto.conf"));
        _process = Process.Start(start)!;
        await FreePort.WaitUntilListeningAsync(Port, TimeSpan.FromSeconds(20));
    }

    /// <summary>Stops the broker gracefully (SIGTERM: it saves its sessions) and starts it again on the same port.</summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        await StopAsync();
        await Task.Delay(downtime);
        await StartProcessAsync();
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await process.WaitForExitAsync();
        }
    }

    public string Log => File.Exists(Path.Combine(_directory, "mosquitto.log")) ? File.ReadAllText(Path.Combine(_directory, "mosquitto.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }
}
