using BenchmarkDotNet.Attributes;
using Tracking.Core.Duty;
using Tracking.Core.Geo;
using Tracking.Core.Incidents;

namespace Tracking.Benchmarks.Dispatch;

/// <summary>
/// The control room's work per durable fix, its hot path: which unit the rota gives the device at the
/// fix's time, the fix in the map's metres (British National Grid), and whether it completes an arrival
/// at any open incident. 10,000 units on duty (vehicle and two radios each, 30,000 devices) and 200 open
/// incidents, each with a unit assigned; fixes of random devices around Leicester. No performance goal
/// is set by the issue; this keeps the per-fix cost in view (a force's busiest minute is ~10,000 fixes a
/// second).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ControlRoomFixBenchmarks
{
    private const int Units = 10_000;
    private const int Incidents = 200;
    private const int Fixes = 4096;

    private readonly DateTimeOffset _now = new(2026, 11, 27, 22, 0, 0, TimeSpan.Zero);
    private readonly List<SceneEvent> _events = [];
    private DutyRota _rota = null!;
    private SceneDetector _scenes = null!;
    private MapProjection _projection = null!;
    private (string Device, double Longitude, double Latitude)[] _fixes = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _projection = MapProjection.BritishNationalGrid;
        var shifts = new Shift[Units];
        for (var i = 0; i < Units; i++)
        {
            shifts[i] = new Shift($"s{i}", $"U{i}", _now.AddHours(-4), _now.AddHours(4), $"veh-{i}",
                [new CrewMember($"o{i}a", $"{2_000_000 + (2 * i)}"), new CrewMember($"o{i}b", $"{2_000_001 + (2 * i)}")]);
        }

        _rota = new DutyRota(shifts);
        _scenes = new SceneDetector();
        for (var i = 0; i < Incidents; i++)
        {
            var (x, y) = _projection.Project(-1.3 + (random.NextDouble() * 0.35), 52.5 + (random.NextDouble() * 0.25));
            _scenes.Open($"INC-{i}", x, y, _now.AddMinutes(-30));
            _scenes.Assign($"INC-{i}", $"U{random.Next(Units)}", _now.AddMinutes(-20));
        }

        _fixes = new (string, double, double)[Fixes];
        for (var i = 0; i < Fixes; i++)
        {
            var unit = random.Next(Units);
            var device = random.Next(3) switch { 0 => $"veh-{unit}", 1 => $"{2_000_000 + (2 * unit)}", _ => $"{2_000_001 + (2 * unit)}" };
            _fixes[i] = (device, -1.3 + (random.NextDouble() * 0.35), 52.5 + (random.NextDouble() * 0.25));
        }
    }

    /// <summary>One fix: rota lookup, projection, arrival check against every open incident.</summary>
    [Benchmark]
    public int Attribute_project_and_check_arrivals()
    {
        var (device, longitude, latitude) = _fixes[_next++ & (Fixes - 1)];
        var duty = _rota.Attribute(device, _now);
        var (x, y) = _projection.Project(longitude, latitude);
        _events.Clear();
        _scenes.Observe(duty!.UnitId, x, y, _now, _events);
        return _events.Count;
    }
}
