using MQTTnet.Protocol;

namespace Tracking.Simulator.Demo;

/// <summary>
/// A demo run against a running server: its MQTT broker, its HTTP API (null: positions only) and its OsmAnd listener
/// (null: phones that speak OsmAnd stay silent), the fleet's size and seed, and the clock: <see cref="Speed"/> × real time
/// from <see cref="Lead"/> in the past until simulated time reaches the wall clock. <see cref="Duration"/> (wall time) ends
/// the run by itself; null runs until cancelled.
/// </summary>
public sealed record DemoOptions(
    string Host,
    int Port,
    Uri? Api,
    Uri? OsmAnd,
    int Vehicles,
    int Foot,
    int Seed,
    double Speed,
    TimeSpan Lead,
    TimeSpan? Duration,
    MqttQualityOfServiceLevel Qos,
    string MapDirectory)
{
    /// <summary>The API token sent with every request to <see cref="Api"/>; null: none (a server in demo mode).</summary>
    public string? ApiToken { get; init; }

    /// <summary>Incidents per average hour; null: about one per three vehicles.</summary>
    public double? IncidentsPerHour { get; init; }

    /// <summary>Emergency button presses per hour across the fleet.</summary>
    public double EmergenciesPerHour { get; init; } = 0.3;

    /// <summary>A first grade 1 incident this long after the start, so a newcomer sees one at once.</summary>
    public TimeSpan FirstIncidentAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a status line is printed (wall time).</summary>
    public TimeSpan StatusEvery { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for the server's dispatch message after an accepted assignment before sending the unit anyway.</summary>
    public TimeSpan DispatchGrace { get; init; } = TimeSpan.FromSeconds(20);
}
