using Tracking.Simulator.Cad;
using Tracking.Simulator.Fleet;
using Tracking.Simulator.Protocols;
using Tracking.Simulator.Tests.Support;

namespace Tracking.Simulator.Tests.Fleet;

/// <summary>Noise, coverage gaps with buffered backlogs, and the emergency button, through the server's decoders.</summary>
public sealed class DeviceBehaviourTests
{
    [Fact]
    public void After_a_coverage_gap_trackers_send_their_backlog_in_order_and_the_server_takes_every_fix()
    {
        var world = Worlds.Create(vehicles: 4, foot: 4, seed: 31, new WorldOptions { Incidents = false, Devices = new DeviceBehaviour { GapsPerHour = 3 } });

        var reports = Worlds.Run(world, TimeSpan.FromHours(2)).OfType<PositionReport>().ToList();

        var backlogs = reports.Where(r => r.Kind == ReportKind.Backlog).ToList();
        Assert.NotEmpty(backlogs);
        Assert.DoesNotContain(backlogs, b => b.Device.Kind == DeviceKind.AirwaveRadio);
        foreach (var backlog in backlogs)
        {
            Assert.All(backlog.Fixes, f => Assert.True(f.DeviceTime < backlog.At));
            var decoded = ReportEncoder.Encode(backlog).SelectMany(m => Probe.Decode(m, backlog.At).Accepted).ToList();
            Assert.Equal(backlog.Fixes.Select(f => f.DeviceTime), decoded.Select(f => f.DeviceTime));
        }
    }

    [Fact]
    public void Gps_noise_is_a_few_metres_with_rare_jumps_and_every_fix_passes_the_servers_checks()
    {
        var world = Worlds.Create(vehicles: 4, foot: 4, seed: 32, new WorldOptions { Incidents = false, Devices = new DeviceBehaviour { GapsPerHour = 0 } });
        var projection = world.Map.Network.Projection;

        var reports = Worlds.Run(world, TimeSpan.FromHours(1)).OfType<PositionReport>().ToList();

        var errors = reports.Select(r =>
        {
            var (lon, lat) = projection.Unproject(r.Truth.X, r.Truth.Y);
            return Probe.Metres(lat, lon, r.Fixes[0].Latitude, r.Fixes[0].Longitude);
        }).Order().ToList();
        Assert.InRange(errors[errors.Count / 2], 1, 8);          // median: a few metres
        Assert.InRange(errors.Count(e => e > 25), 1, errors.Count / 20); // jumps happen, rarely
        Assert.All(reports.SelectMany(r => ReportEncoder.Encode(r)), m => Assert.Empty(Probe.Decode(m, world.Now).Rejected));
    }

    [Fact]
    public void An_emergency_button_sends_a_lip_emergency_and_raises_a_grade_1_for_back_up()
    {
        var world = Worlds.Create(vehicles: 6, foot: 0, seed: 33, new WorldOptions { EmergenciesPerHour = 20, IncidentsPerHour = 0.001 });

        var events = Worlds.Run(world, TimeSpan.FromHours(1));

        var pressed = events.OfType<EmergencyPressed>().First();
        var report = events.OfType<PositionReport>().Single(r => r.Kind == ReportKind.Emergency && r.Device.Id == pressed.RadioId && r.At == pressed.At);
        var decoded = Assert.Single(Probe.Decode(Assert.Single(ReportEncoder.Encode(report)), report.At).Accepted);
        Assert.True(decoded.Emergency);
        Assert.Contains(events.OfType<IncidentRaised>(), i => i.Incident.Type.Name == IncidentCatalogue.OfficerEmergency && i.At >= pressed.At);
    }
}
