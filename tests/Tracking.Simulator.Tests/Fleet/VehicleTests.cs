using Tracking.Simulator.Cad;
using Tracking.Simulator.Fleet;
using Tracking.Simulator.Tests.Support;

namespace Tracking.Simulator.Tests.Fleet;

/// <summary>Simulated vehicles on the demo map's road network (<c>maps/leicester</c>).</summary>
public sealed class VehicleTests
{
    private static readonly WorldOptions Patrol = new() { Devices = DeviceBehaviour.Perfect, Incidents = false };

    [Fact]
    public void Every_vehicle_fix_before_noise_lies_on_an_edge_of_the_road_graph()
    {
        var world = Worlds.Create(vehicles: 8, foot: 0, seed: 11, Patrol);
        var graph = world.Map.Network.Graph;

        var reports = Worlds.Run(world, TimeSpan.FromHours(3)).OfType<PositionReport>()
            .Where(r => r.Device.Kind == DeviceKind.VehicleTracker).ToList();

        Assert.True(reports.Count > 8 * 3 * 600, $"only {reports.Count} reports");
        Assert.All(reports, r =>
        {
            var snap = graph.Snap(r.Truth.X, r.Truth.Y)!.Value;
            Assert.True(snap.Distance < 0.5, $"{r.Device.Id} at {r.At:HH:mm:ss} is {snap.Distance:F1} m off the road");
        });

        // With perfect devices the reported fix is the true position too.
        var (x, y) = (reports[^1].Truth.X, reports[^1].Truth.Y);
        var (lon, lat) = world.Map.Network.Projection.Unproject(x, y);
        Assert.InRange(Probe.Metres(lat, lon, reports[^1].Fixes[0].Latitude, reports[^1].Fixes[0].Longitude), 0, 0.01);
    }

    [Fact]
    public void Vehicles_move_along_each_edge_in_its_own_direction_and_only_on_edges_that_exist()
    {
        var world = Worlds.Create(vehicles: 10, foot: 0, seed: 12, Patrol);
        var network = world.Map.Network;
        var graph = network.Graph;
        var previous = new Dictionary<string, TruthPoint>();
        var events = new List<WorldEvent>();
        var checkedMoves = 0;
        var oneWayMoves = 0;

        for (var second = 0; second < 2 * 3600; second++)
        {
            world.AdvanceTo(world.Now.AddSeconds(1), events);
            events.Clear();
            foreach (var unit in world.Units)
            {
                var now = unit.Truth;
                if (previous.TryGetValue(unit.Id, out var before) && before.Edge >= 0 && before.Edge == now.Edge && now.Speed > 0)
                {
                    Assert.InRange(now.Edge, 0, graph.EdgeCount - 1);
                    var from = Along(network.Shape(now.Edge), before.X, before.Y);
                    var to = Along(network.Shape(now.Edge), now.X, now.Y);
                    Assert.True(to > from - 1e-6, $"{unit.Id} moved backwards along edge {now.Edge} ({from:F1} → {to:F1} m)");
                    checkedMoves++;
                    if (graph.ReverseOf(now.Edge) < 0)
                    {
                        oneWayMoves++;
                    }
                }

                previous[unit.Id] = now;
            }
        }

        Assert.True(checkedMoves > 10_000, $"only {checkedMoves} moves checked");
        Assert.True(oneWayMoves > 0, "no vehicle used a one-way street in two hours; the test checked nothing about them");
    }

    [Fact]
    public void A_route_never_runs_against_a_one_way_street()
    {
        var network = DemoMap.World.Network;
        var graph = network.Graph;
        var oneWay = Enumerable.Range(0, graph.EdgeCount).Where(e => graph.ReverseOf(e) < 0 && graph.EdgeLength(e) > 20).ToList();
        Assert.NotEmpty(oneWay);

        foreach (var edge in oneWay)
        {
            // From near the end of a one-way piece back to near its start: the car must go round, not reverse.
            var from = new RoadPosition(edge, graph.EdgeLength(edge) - 5);
            var to = new RoadPosition(edge, 5);

            var legs = network.Route(from, to, mayTurn: true);

            Assert.NotNull(legs);
            Assert.True(network.Time(legs) > (graph.EdgeLength(edge) - 10) / graph.EdgeSpeed(edge), "went straight back");
            Assert.Equal(edge, legs[0].Edge);
            Assert.Equal(edge, legs[^1].Edge);
            for (var i = 1; i < legs.Count; i++)
            {
                Assert.Equal(graph.EdgeTo(legs[i - 1].Edge), graph.EdgeFrom(legs[i].Edge));
                Assert.True(legs[i].From <= legs[i].To);
            }
        }
    }

    [Fact]
    public void A_dispatched_vehicle_drives_to_the_incident_and_arrives_there()
    {
        var world = Worlds.Create(vehicles: 4, foot: 0, seed: 13, new WorldOptions { Devices = DeviceBehaviour.Perfect, IncidentsPerHour = 0.0001, EmergenciesPerHour = 0, SelfDeployChance = 0 });
        var events = new List<WorldEvent>();
        world.AdvanceTo(world.Now.AddMinutes(5), events);
        var unit = world.Units[0];
        var target = world.Map.Network.RandomPosition(new Random(99));

        var incident = world.Raise(IncidentCatalogue.Types[0], target, events);
        Assert.True(world.Dispatch(incident.Id, unit.Id, DispatchSource.Server, events));
        var started = world.Now;
        UnitArrived? arrived = null;
        for (var minute = 0; minute < 60 && arrived is null; minute++)
        {
            events.Clear();
            world.AdvanceTo(world.Now.AddMinutes(1), events);
            arrived = events.OfType<UnitArrived>().FirstOrDefault(a => a.UnitId == unit.Id);
        }

        Assert.NotNull(arrived);
        var (ix, iy) = world.Map.Network.PointAt(target);
        Assert.InRange(Math.Sqrt(Math.Pow(unit.X - ix, 2) + Math.Pow(unit.Y - iy, 2)), 0, 1);
        Assert.Equal(UnitActivity.AtScene, unit.Activity);
        Assert.Contains(unit.Id, incident.Assigned);
        Assert.True(arrived.At > started);
    }

    [Fact]
    public void Vehicles_report_every_five_seconds_and_radios_every_thirty()
    {
        var world = Worlds.Create(vehicles: 3, foot: 0, seed: 14, Patrol);

        var reports = Worlds.Run(world, TimeSpan.FromHours(1)).OfType<PositionReport>().ToList();

        foreach (var device in reports.GroupBy(r => r.Device.Id))
        {
            var times = device.Select(r => r.At).ToList();
            var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).Distinct().ToList();
            var expected = device.First().Device.Kind == DeviceKind.VehicleTracker ? 5 : 30;
            Assert.Equal([expected], gaps);
        }
    }

    [Fact]
    public void Vehicles_end_their_shift_at_their_station_and_the_next_crew_takes_over()
    {
        var world = Worlds.Create(vehicles: 3, foot: 0, seed: 15, Patrol);

        var changes = Worlds.Run(world, TimeSpan.FromHours(7)).OfType<ShiftChanged>().ToList();

        // Started at 17:00 in the late shift (15–23): each vehicle returns after 23:00 and the night crew takes over.
        foreach (var unit in world.Units)
        {
            var ended = Assert.Single(changes, c => c.UnitId == unit.Id && !c.Started && c.Shift.Id.EndsWith("-late", StringComparison.Ordinal));
            Assert.True(ended.At >= ended.Shift.End);
            Assert.Contains(changes, c => c.UnitId == unit.Id && c.Started && c.Shift.Id.EndsWith("-night", StringComparison.Ordinal) && c.At >= ended.At);
        }
    }

    /// <summary>Metres along a shape to the point on it nearest (x, y).</summary>
    private static double Along(EdgeShape shape, double x, double y)
    {
        var best = double.PositiveInfinity;
        var along = 0.0;
        for (var i = 1; i < shape.Count; i++)
        {
            var (ax, ay, bx, by) = (shape.X(i - 1), shape.Y(i - 1), shape.X(i), shape.Y(i));
            var length2 = ((bx - ax) * (bx - ax)) + ((by - ay) * (by - ay));
            var t = length2 == 0 ? 0 : Math.Clamp((((x - ax) * (bx - ax)) + ((y - ay) * (by - ay))) / length2, 0, 1);
            var px = ax + (t * (bx - ax));
            var py = ay + (t * (by - ay));
            var d = ((x - px) * (x - px)) + ((y - py) * (y - py));
            if (d < best)
            {
                best = d;
                along = shape.Along(i - 1) + (t * Math.Sqrt(length2));
            }
        }

        return along;
    }
}
