using System.Globalization;
using System.Text;
using Tracking.Simulator.Cad;
using Tracking.Simulator.Fleet;
using Tracking.Simulator.Protocols;
using Tracking.Simulator.Tests.Support;

namespace Tracking.Simulator.Tests.Fleet;

/// <summary>Every random draw comes from the seed: the same seed gives the same fleet, routes, incidents and faults.</summary>
public sealed class RepeatabilityTests
{
    [Fact]
    public void The_same_seed_gives_the_same_plan_messages_and_incidents()
    {
        Assert.Equal(Transcript(5), Transcript(5));
    }

    [Fact]
    public void Another_seed_gives_another_world()
    {
        Assert.NotEqual(Transcript(5), Transcript(6));
    }

    private static string Transcript(int seed)
    {
        var world = Worlds.Create(vehicles: 6, foot: 4, seed, new WorldOptions { IncidentsPerHour = 12, EmergenciesPerHour = 2, Devices = new DeviceBehaviour { GapsPerHour = 2 } });
        var text = new StringBuilder();
        foreach (var unit in world.Plan.Units)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{unit.Id} {unit.Type} {unit.Station} {unit.Vehicle?.Protocol} {unit.Phone?.Id} {string.Join(',', unit.Crews.SelectMany(c => c))}");
        }

        foreach (var e in Worlds.Run(world, TimeSpan.FromHours(2)))
        {
            text.AppendLine(e switch
            {
                PositionReport r => string.Join('|', ReportEncoder.Encode(r).Select(m => m.Topic + (m.Query ?? Encoding.ASCII.GetString(m.Payload)))),
                IncidentRaised i => string.Create(CultureInfo.InvariantCulture, $"{i.At:O} raised {i.Incident.Id} {i.Incident.Type.Name} {i.Incident.Address} {i.Incident.Longitude},{i.Incident.Latitude}"),
                _ => e.ToString(),
            });
        }

        return text.ToString();
    }
}
