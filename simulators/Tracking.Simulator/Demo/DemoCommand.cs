using System.CommandLine;
using MQTTnet.Protocol;
using Spectre.Console;
using Tracking.Simulator.Cli;

namespace Tracking.Simulator.Demo;

/// <summary>The <c>demo</c> mode on the command line.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var host = CommonOptions.Host();
        var port = CommonOptions.Port();
        var api = CommonOptions.Api();
        var token = CommonOptions.Token();
        var osmAnd = CommonOptions.OsmAnd();
        var vehicles = CommonOptions.Vehicles(50);
        var foot = CommonOptions.Foot(20);
        var seed = CommonOptions.Seed();
        var qos = CommonOptions.Qos();
        var map = CommonOptions.Map();
        var speed = new Option<double>("--speed") { Description = "Simulated time runs this many times faster than real time until it catches up with the wall clock (see --lead)", DefaultValueFactory = _ => 1 };
        var lead = new Option<double?>("--lead") { Description = "Hours in the past the simulated clock starts from (default: 0 at --speed 1, else 2)" };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds of real time (default: run until Ctrl-C)" };
        var incidents = new Option<double?>("--incidents-per-hour") { Description = "Incidents in an average hour (default: one per three vehicles; Friday and Saturday nights are busier)" };
        var emergencies = new Option<double>("--emergencies-per-hour") { Description = "Emergency button presses per hour across the fleet", DefaultValueFactory = _ => 0.3 };

        var command = new Command("demo", "A police force on the map: vehicles and foot officers reporting in every protocol, incidents dispatched through the server, against a running server.")
        {
            host, port, api, token, osmAnd, vehicles, foot, seed, speed, lead, duration, incidents, emergencies, qos, map,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var speedValue = parse.GetValue(speed);
            var options = new DemoOptions(
                parse.GetValue(host)!, parse.GetValue(port), CommonOptions.Url(parse.GetValue(api)), CommonOptions.Url(parse.GetValue(osmAnd)),
                parse.GetValue(vehicles), parse.GetValue(foot), parse.GetValue(seed), speedValue,
                TimeSpan.FromHours(parse.GetValue(lead) ?? (speedValue > 1 ? 2 : 0)),
                parse.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                (MqttQualityOfServiceLevel)parse.GetValue(qos), CommonOptions.MapDirectory(parse.GetValue(map)))
            {
                ApiToken = parse.GetValue(token),
                IncidentsPerHour = parse.GetValue(incidents),
                EmergenciesPerHour = parse.GetValue(emergencies),
            };
            await new DemoRunner(options, AnsiConsole.Console, TimeProvider.System).RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
