using System.Diagnostics;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// A process the harness started (broker, subscriber, server, load generator): its output goes to a log file (and,
/// line by line, to an optional handler), and it is stopped with SIGTERM so it shuts down as in production, then
/// SIGKILL if it does not. Each component runs as its own process so /proc can tell their CPU apart.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Action<string>? _onLine;
    private readonly List<string> _errors = [];
    private bool _disposed;

    private ChildProcess(Process process, StreamWriter log, Action<string>? onLine)
    {
        _process = process;
        _log = log;
        _onLine = onLine;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string LogPath { get; private init; } = "";

    /// <summary>Lines the process logged at error level or worse (ASP.NET Core's console format: <c>fail:</c>, <c>crit:</c>).</summary>
    public IReadOnlyList<string> ErrorLines
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string logPath,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? onLine = null,
        bool input = false)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = input,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = false };
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, log, onLine) { LogPath = logPath };
        process.OutputDataReceived += (_, e) => child.Received(e.Data);
        process.ErrorDataReceived += (_, e) => child.Received(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{fileName} did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        _onLine?.Invoke(line);
        lock (_log)
        {
            _log.WriteLine(line);
        }

        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            lock (_errors)
            {
                _errors.Add(line);
            }
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>Tells the process something on its standard input (started with <c>input: true</c>).</summary>
    public void Tell(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.WaitForExit(); // drains the output events
        lock (_log)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }

    /// <summary>
    /// Waits until the server in this process answers <c>health/ready</c> through <paramref name="http"/>; fails at once
    /// if the process exits, or after <paramref name="timeout"/>, naming the log to read.
    /// </summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout, TimeSpan poll)
    {
        ArgumentNullException.ThrowIfNull(http);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (HasExited)
            {
                throw new InvalidOperationException($"The server exited with {ExitCode} while starting; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The server was not ready after {timeout.TotalSeconds} s; see {LogPath}.");
            }

            await Task.Delay(poll);
        }
    }
}
