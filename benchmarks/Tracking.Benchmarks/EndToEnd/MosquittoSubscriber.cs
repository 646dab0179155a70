using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// The one subscriber of the relay baseline: <c>mosquitto_sub</c> on <c>tracking/+/fix</c>, a C client as light as
/// Mosquitto itself, so the baseline measures the broker rather than the sink. It writes one line per message straight
/// to a file, the receive time (<c>-F %U</c>: unix seconds with nanoseconds), which gives the first and last arrival
/// exactly however late we read it. The harness tails the file in 64 KiB reads and counts newlines: reading the
/// lines through a pipe one event each cost the harness a third of a core at 25,000 messages/s, CPU this 2-core
/// machine needs for the broker. Not thread-safe: one caller at a time.
/// </summary>
internal sealed class MosquittoSubscriber : IAsyncDisposable
{
    private const string ProbeTopic = "tracking/bench-probe/fix";
    private readonly ChildProcess _process;
    private readonly FileStream _output;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly StringBuilder _pending = new();
    private long _count;
    private double _first = double.NaN;
    private double _last = double.NaN;

    private MosquittoSubscriber(string binary, int port, int qos, string directory)
    {
        var outputPath = Path.Combine(directory, "subscriber.out");
        File.WriteAllBytes(outputPath, []);
        // sh only redirects, then exec makes mosquitto_sub the process we measure.
        _process = ChildProcess.Start(
            "sh",
            ["-c", "exec \"$0\" \"$@\" > \"$SUBSCRIBER_OUTPUT\"", binary,
             "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-q", qos.ToString(CultureInfo.InvariantCulture),
             "-t", "tracking/+/fix", "-F", "%U", "-i", $"bench-sub-{Environment.ProcessId}"],
            Path.Combine(directory, "subscriber.log"),
            environment: new Dictionary<string, string> { ["SUBSCRIBER_OUTPUT"] = outputPath });
        _output = new FileStream(outputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
    }

    public int Id => _process.Id;

    /// <summary>Messages received since the last <see cref="Reset"/> (reads what the subscriber wrote so far).</summary>
    public long Count
    {
        get
        {
            ReadNew();
            return _count;
        }
    }

    public DateTimeOffset FirstReceived => FromUnix(_first);

    public DateTimeOffset LastReceived => FromUnix(_last);

    /// <summary>Starts the subscriber and returns once it receives: publishes a probe until one arrives.</summary>
    public static async Task<MosquittoSubscriber> StartAsync(string binary, string publisher, int port, int qos, string directory)
    {
        var subscriber = new MosquittoSubscriber(binary, port, qos, directory);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (subscriber.Count == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"mosquitto_sub received nothing on port {port}; see {directory}.");
            }

            using var probe = Process.Start(new ProcessStartInfo(publisher)
            {
                ArgumentList = { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", ProbeTopic, "-m", "probe" },
            })!;
            await probe.WaitForExitAsync();
            await Task.Delay(200);
        }

        await Task.Delay(300);
        subscriber.Reset();
        return subscriber;
    }

    /// <summary>Forgets what arrived so far (the probe, a warm-up).</summary>
    public void Reset()
    {
        ReadNew();
        _count = 0;
        _first = double.NaN;
        _last = double.NaN;
    }

    /// <summary>Waits until <paramref name="expected"/> arrived, or nothing arrived for <paramref name="idle"/>; returns the count.</summary>
    public async Task<long> WaitForAsync(long expected, TimeSpan idle)
    {
        var seen = Count;
        var lastProgress = DateTime.UtcNow;
        while (seen < expected)
        {
            await Task.Delay(100);
            var now = Count;
            if (now != seen)
            {
                seen = now;
                lastProgress = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - lastProgress > idle)
            {
                break;
            }
        }

        return seen;
    }

    /// <summary>Counts the complete lines written since the last read; parses only the first ever and the newest.</summary>
    private void ReadNew()
    {
        int read;
        while ((read = _output.Read(_buffer)) > 0)
        {
            var span = _buffer.AsSpan(0, read);
            var lines = span.Count((byte)'\n');
            if (lines == 0)
            {
                _pending.Append(Encoding.ASCII.GetString(span));
                continue;
            }

            var firstEnd = span.IndexOf((byte)'\n');
            var lastEnd = span.LastIndexOf((byte)'\n');
            var firstLine = _pending + Encoding.ASCII.GetString(span[..firstEnd]);
            var lastLine = lines == 1 ? firstLine : Encoding.ASCII.GetString(span[(span[..lastEnd].LastIndexOf((byte)'\n') + 1)..lastEnd]);
            _pending.Clear().Append(Encoding.ASCII.GetString(span[(lastEnd + 1)..]));
            _count += lines;
            if (double.IsNaN(_first))
            {
                _first = Parse(firstLine);
            }

            _last = Parse(lastLine);
        }
    }

    private static double Parse(string line) =>
        double.TryParse(line, NumberStyles.Float, CultureInfo.InvariantCulture, out var time) ? time : double.NaN;

    private static DateTimeOffset FromUnix(double seconds) => DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _output.DisposeAsync();
    }
}
