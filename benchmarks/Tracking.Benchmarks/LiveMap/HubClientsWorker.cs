using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Server.LiveMap;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// The hub clients (<c>livemap clients …</c>, a process of its own so its CPU is measured apart): real SignalR
/// clients over WebSockets, JSON or MessagePack, each joining its view (<see cref="BenchFleet.Views"/>). For every
/// marker of every frame, in full or as a move entry, it records how old the marker's fix is on arrival (wall clock
/// now − the fix's device time, which the load generator stamped when it published it): fix-to-client latency.
/// Prints <c>READY</c> once every client has its snapshot; counts from <c>GO</c>; prints a
/// <see cref="HubClientsReport"/> on <c>STOP</c>.
/// </summary>
internal static class HubClientsWorker
{
    private static readonly string[] Kinds = ["force", "team", "station", "district"];
    private static volatile bool _measuring;
    private static int _disconnected;
    private static double _messagePackToJson = double.NaN;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        var url = new Uri(new Uri(values["--url"]), "hubs/live");
        var views = BenchFleet.Views(
            Int(values["--clients"]), Int(values["--force"]), Int(values["--teams"]), Int(values["--stations"]),
            double.Parse(values["--messagepack-share"], CultureInfo.InvariantCulture), Int(values["--seed"]));
        var stats = Kinds.ToDictionary(k => k, _ => new ViewKindStats(), StringComparer.Ordinal);
        foreach (var view in views)
        {
            stats[view.Kind].Clients++;
        }

        var connections = new List<HubConnection>();
        foreach (var batch in views.Chunk(10))
        {
            connections.AddRange(await Task.WhenAll(batch.Select(view => ConnectAsync(url, values["--token"], view, stats[view.Kind]))));
        }

        Console.WriteLine("READY");
        var windowStart = DateTimeOffset.UtcNow;
        while (Console.ReadLine() is { } line && line != "STOP")
        {
            if (line == "GO")
            {
                foreach (var kind in stats.Values)
                {
                    kind.Clear();
                }

                windowStart = DateTimeOffset.UtcNow;
                _measuring = true;
            }
        }

        _measuring = false;
        var seconds = (DateTimeOffset.UtcNow - windowStart).TotalSeconds;
        var all = new ViewKindStats { Clients = views.Count };
        foreach (var kind in stats.Values)
        {
            kind.Latency.AddTo(all.Latency);
        }

        var allReport = all.Report("all", seconds) with
        {
            Frames = stats.Values.Sum(s => s.Frames),
            Markers = stats.Values.Sum(s => s.Markers),
            Moved = stats.Values.Sum(s => s.Moved),
            Removed = stats.Values.Sum(s => s.Removed),
            FramesPerClientPerSecond = views.Count == 0 ? 0 : stats.Values.Sum(s => s.Frames) / (double)views.Count / seconds,
        };
        var report = new HubClientsReport(
            connections.Count, Volatile.Read(ref _disconnected), seconds,
            [.. Kinds.Where(k => stats[k].Clients > 0).Select(k => stats[k].Report(k, seconds))],
            allReport,
            double.IsNaN(_messagePackToJson) ? null : _messagePackToJson);
        Console.WriteLine(JsonSerializer.Serialize(report));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        return 0;
    }

    private static async Task<HubConnection> ConnectAsync(Uri url, string token, BenchView view, ViewKindStats stats)
    {
        var builder = new HubConnectionBuilder().WithUrl(url, options =>
        {
            options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        });
        if (view.MessagePack)
        {
            builder.AddMessagePackProtocol();
        }

        var connection = builder.Build();
        var snapshot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (view.MessagePack)
        {
            connection.On<BenchFrame>("snapshot", _ => snapshot.TrySetResult());
            connection.On<BenchFrame>("frame", frame => Received(frame, stats));
        }
        else
        {
            connection.On<JsonElement>("snapshot", _ => snapshot.TrySetResult());
            connection.On<JsonElement>("frame", frame => Received(frame, stats, view.Kind == "force"));
        }

        connection.Closed += _ =>
        {
            Interlocked.Increment(ref _disconnected);
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        await connection.InvokeAsync("JoinView", view.Request);
        await snapshot.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return connection;
    }

    private static void Received(JsonElement frame, ViewKindStats stats, bool sample)
    {
        var now = DateTimeOffset.UtcNow;
        if (!_measuring)
        {
            return;
        }

        var raw = JsonMarshal.GetRawUtf8Value(frame);
        var markers = Sample(frame.GetProperty("units"), now, stats);
        var moved = frame.TryGetProperty("moved", out var moves) ? Sample(moves, now, stats) : 0;
        stats.Frame(markers, moved, frame.GetProperty("removed").GetArrayLength(), raw.Length);
        if (sample && double.IsNaN(_messagePackToJson) && markers + moved > 100)
        {
            // The same document as the server sends it over MessagePack.
            _messagePackToJson = JsonToMessagePack.Convert(raw).Length / (double)raw.Length;
        }
    }

    private static void Received(BenchFrame frame, ViewKindStats stats)
    {
        var now = DateTimeOffset.UtcNow;
        if (!_measuring)
        {
            return;
        }

        var units = frame.Units ?? [];
        var moved = frame.Moved ?? [];
        Sample(units, now, stats);
        Sample(moved, now, stats);
        stats.Frame(units.Count, moved.Count, frame.Removed?.Count ?? 0, 0);
    }

    /// <summary>One latency sample per marker or move entry of a JSON array (each has the time of its newest fix); returns how many entries.</summary>
    private static int Sample(JsonElement entries, DateTimeOffset now, ViewKindStats stats)
    {
        var count = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            count++;
            if (entry.GetProperty("time").TryGetDateTimeOffset(out var time))
            {
                stats.Latency.Add((now - time).TotalMilliseconds);
            }
        }

        return count;
    }

    private static void Sample(IReadOnlyList<BenchMarker> entries, DateTimeOffset now, ViewKindStats stats)
    {
        foreach (var entry in entries)
        {
            if (entry.Time is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                stats.Latency.Add((now - time).TotalMilliseconds);
            }
        }
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
