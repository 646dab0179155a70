using NetTopologySuite.Geometries;
using Tracking.Simulator.Fleet;
using Tracking.Simulator.Tests.Support;

namespace Tracking.Simulator.Tests.Fleet;

/// <summary>Foot officers and PCSOs walking their beats of the demo map.</summary>
public sealed class FootTests
{
    [Fact]
    public void Foot_officers_stay_in_their_own_beat_for_a_whole_shift()
    {
        var world = Worlds.Create(vehicles: 0, foot: 12, seed: 21, new WorldOptions { Devices = DeviceBehaviour.Perfect, Incidents = false });
        var factory = new GeometryFactory();

        var reports = Worlds.Run(world, TimeSpan.FromHours(8)).OfType<PositionReport>().ToList();

        Assert.Equal(12, reports.Select(r => r.UnitId).Distinct().Count());
        Assert.All(reports, r =>
        {
            var beat = world.Unit(r.UnitId).Beat!;
            var distance = beat.Area.Distance(factory.CreatePoint(new Coordinate(r.Truth.X, r.Truth.Y)));
            Assert.True(distance < 0.01, $"{r.UnitId} ({r.Truth.Activity}) is {distance:F1} m outside beat {beat.Beat.Id} at {r.At:HH:mm:ss}");
        });
    }

    [Fact]
    public void Foot_officers_walk_at_walking_pace_and_stop_at_priority_locations()
    {
        var world = Worlds.Create(vehicles: 0, foot: 12, seed: 22, new WorldOptions { Devices = DeviceBehaviour.Perfect, Incidents = false });

        var reports = Worlds.Run(world, TimeSpan.FromHours(6)).OfType<PositionReport>().ToList();

        Assert.All(reports, r => Assert.InRange(r.Truth.Speed, 0, 1.7));
        Assert.Contains(reports, r => r.Truth.Activity == UnitActivity.Lingering);
        var withLocations = world.Units.Where(u => u.Beat!.Locations.Count > 0).ToList();
        Assert.NotEmpty(withLocations);
        Assert.Contains(reports, r => r.Truth.Activity == UnitActivity.Lingering
            && world.Unit(r.UnitId).Beat!.Locations.Any(l => Math.Sqrt(Math.Pow(l.X - r.Truth.X, 2) + Math.Pow(l.Y - r.Truth.Y, 2)) < 150));
    }

    [Fact]
    public void Foot_units_carry_radios_and_some_carry_phones_reporting_every_fifteen_seconds()
    {
        var world = Worlds.Create(vehicles: 0, foot: 10, seed: 23, new WorldOptions { Devices = DeviceBehaviour.Perfect, Incidents = false });

        var reports = Worlds.Run(world, TimeSpan.FromHours(1)).OfType<PositionReport>().ToList();

        var phones = reports.Where(r => r.Device.Kind == DeviceKind.Phone).GroupBy(r => r.Device.Id).ToList();
        Assert.NotEmpty(phones);
        Assert.All(phones, p => Assert.Equal([15.0], p.Zip(p.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).Distinct()));
        Assert.Contains(reports, r => r.Device.Kind == DeviceKind.AirwaveRadio);
    }
}
