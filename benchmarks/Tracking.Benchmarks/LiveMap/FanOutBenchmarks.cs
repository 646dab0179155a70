using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MessagePack;
using Tracking.Core.Dispatch;
using Tracking.Server.Command;
using Tracking.Server.LiveMap;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// The CPU of one live-map tick, apart from the machine's other work: 10,000 units of which half moved since the last
/// tick (one fix a second, two frames a second), 100 clients in the harness's view mix (4 force, 16 team, 10 station,
/// 70 district; every other one MessagePack). One operation = which markers each view gets, then every client's
/// payload written the way the hub protocols write it (into a reused buffer, as into the connection's pipe). All
/// sort the changes into views the same way (<see cref="ViewIndex"/>); they differ in how the payloads are made. The
/// units only move, so a view sends each as a move entry, except a district a unit has just come into (in full).
/// <list type="bullet">
/// <item>ours: one frame per view; each marker's move entry (or, where needed, the marker) serialized once per
/// protocol and copied into every payload that shows it;</item>
/// <item>ours with every change in full, as before move entries: the same, but each changed marker sent whole;</item>
/// <item>baseline: the same frame as ours, typed, serialized with System.Text.Json for each client (what
/// <c>Clients.Client(id).SendAsync("frame", frame)</c> does), MessagePack clients included.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class FanOutBenchmarks
{
    private const int Units = 10_000;
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private readonly ArrayBufferWriter<byte> _output = new(4 << 20);
    private readonly LiveMapCounters _counters = new();
    private readonly List<MarkerChange> _changes = [];
    private readonly ViewIndex _index = new();
    private readonly List<(ViewGroup Group, bool[] MessagePack)> _groups = [];
    private PreparedMarker[] _current = [];
    private Random _random = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _random = new Random(1);
        _current = new PreparedMarker[Units];
        for (var i = 0; i < Units; i++)
        {
            _current[i] = new PreparedMarker(Marker(i,
                BenchFleet.West + (_random.NextDouble() * (BenchFleet.East - BenchFleet.West)),
                BenchFleet.South + (_random.NextDouble() * (BenchFleet.North - BenchFleet.South)), Start));
        }

        var byView = new Dictionary<MapView, List<bool>>();
        foreach (var view in BenchFleet.Views(100, 4, 16, 10, 0.5, 1))
        {
            var request = new MapViewRequest
            {
                Kind = (string?)view.Request["kind"],
                West = view.Request.GetValueOrDefault("west") as double?,
                South = view.Request.GetValueOrDefault("south") as double?,
                East = view.Request.GetValueOrDefault("east") as double?,
                North = view.Request.GetValueOrDefault("north") as double?,
                Team = view.Request.GetValueOrDefault("team") as string,
                Station = view.Request.GetValueOrDefault("station") as string,
            };
            if (!MapView.TryCreate(request, out var map, out var problem))
            {
                throw new InvalidOperationException(problem);
            }

            if (!byView.TryGetValue(map, out var clients))
            {
                byView[map] = clients = [];
            }

            clients.Add(view.MessagePack);
        }

        foreach (var (view, clients) in byView)
        {
            _groups.Add((new ViewGroup(view), [.. clients]));
        }

        _index.Build(_groups.Select(g => g.Group));
    }

    [Benchmark(Baseline = true)]
    public long Frame_serialized_per_client()
    {
        NextTick();
        long bytes = 0;
        _index.Distribute(_changes, []);
        foreach (var (group, clients) in _groups)
        {
            if (group.Pending.IsEmpty)
            {
                continue;
            }

            var pending = group.Pending.Take(Start);
            var frame = new TypedFrame(
                Start, [.. pending.Units.Select(u => u.Marker)], [.. pending.Moved.Select(m => TypedMove.Of(m.Marker))], [.. pending.Removed], [], [], []);
            foreach (var _ in clients)
            {
                _output.ResetWrittenCount();
                using (var json = new Utf8JsonWriter(_output))
                {
                    JsonSerializer.Serialize(json, frame, CommandJson.Options);
                }

                bytes += _output.WrittenCount;
            }
        }

        return bytes;
    }

    /// <summary>What both share: the new states, and which views get them.</summary>
    [Benchmark]
    public long Views_only()
    {
        NextTick();
        _index.Distribute(_changes, []);
        long markers = 0;
        foreach (var (group, clients) in _groups)
        {
            var frame = group.Pending.Take(Start);
            markers += (frame.Units.Count + frame.Moved.Count) * clients.Length;
        }

        return markers;
    }

    /// <summary>The move entries of the markers that changed, serialized once each in both protocols (no payloads).</summary>
    [Benchmark]
    public long Changed_markers_serialized()
    {
        NextTick();
        long bytes = 0;
        foreach (var change in _changes)
        {
            bytes += change.Current.MoveJson.Length + change.Current.MoveMessagePack.Length;
        }

        return bytes;
    }

    /// <summary>Ours: frames of move entries, each written once per protocol; returns the payload bytes.</summary>
    [Benchmark]
    public long Markers_serialized_once()
    {
        NextTick();
        _index.Distribute(_changes, []);
        long bytes = 0;
        foreach (var (group, clients) in _groups)
        {
            if (!group.Pending.IsEmpty)
            {
                bytes += WritePayloads(group.Pending.Take(Start), clients);
            }
        }

        return bytes;
    }

    /// <summary>The same with every changed marker in full, as frames were before move entries; returns the payload bytes.</summary>
    [Benchmark]
    public long Markers_serialized_once_in_full()
    {
        NextTick();
        _index.Distribute(_changes, []);
        long bytes = 0;
        foreach (var (group, clients) in _groups)
        {
            if (!group.Pending.IsEmpty)
            {
                var frame = group.Pending.Take(Start);
                bytes += WritePayloads(frame with { Units = [.. frame.Units, .. frame.Moved], Moved = [] }, clients);
            }
        }

        return bytes;
    }

    /// <summary>Writes a view's frame for each of its clients in its protocol; returns the bytes written.</summary>
    private long WritePayloads(LiveFrame frame, bool[] clients)
    {
        long bytes = 0;
        var payload = new PreparedPayload(frame, _counters);
        foreach (var messagePack in clients)
        {
            _output.ResetWrittenCount();
            if (messagePack)
            {
                var writer = new MessagePackWriter(_output);
                payload.WriteMessagePack(ref writer);
                writer.Flush();
            }
            else
            {
                using var json = new Utf8JsonWriter(_output);
                payload.WriteJson(json);
            }

            bytes += _output.WrittenCount;
        }

        return bytes;
    }

    /// <summary>Half the units move about 10 m since the last tick: new states, nothing serialized yet.</summary>
    private void NextTick()
    {
        _changes.Clear();
        var time = Start.AddSeconds(++_round);
        for (var i = _round % 2; i < Units; i += 2)
        {
            var previous = _current[i];
            var moved = new PreparedMarker(Marker(i, previous.Marker.Longitude!.Value + 0.0001, previous.Marker.Latitude!.Value + 0.00005, time));
            _current[i] = moved;
            _changes.Add(new MarkerChange(previous, moved));
        }
    }

    private static UnitMarker Marker(int unit, double longitude, double latitude, DateTimeOffset time) => new(
        BenchFleet.UnitId(unit), MarkerKind.Unit, "LM " + unit, UnitType.ResponseCar, UnitStatus.Available, null, true,
        BenchFleet.Team(unit), BenchFleet.Station(unit), Math.Round(longitude, 7), Math.Round(latitude, 7), 123.4, 12.34, time, BenchFleet.DeviceId(unit));

    /// <summary>A frame as a typed record, for the baseline.</summary>
    private sealed record TypedFrame(
        DateTimeOffset Time, List<UnitMarker> Units, List<TypedMove> Moved, List<string> Removed, List<object> Incidents, List<object> Alarms, List<object> Dispatches);

    /// <summary>A move entry as a typed record, for the baseline.</summary>
    private sealed record TypedMove(string Id, double? Longitude, double? Latitude, double? Heading, double? Speed, DateTimeOffset? Time)
    {
        public static TypedMove Of(UnitMarker marker) => new(marker.Id, marker.Longitude, marker.Latitude, marker.Heading, marker.Speed, marker.Time);
    }
}
