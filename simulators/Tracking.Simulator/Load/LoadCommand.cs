using System.CommandLine;
using MQTTnet.Protocol;
using Spectre.Console;
using Tracking.Simulator.Cli;

namespace Tracking.Simulator.Load;

/// <summary>The <c>load</c> mode on the command line.</summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var host = CommonOptions.Host();
        var port = CommonOptions.Port();
        var qos = CommonOptions.Qos();
        var seed = CommonOptions.Seed();
        var devices = new Option<int>("--devices") { Description = "Simulated devices", DefaultValueFactory = _ => 50 };
        var fixesPerDevice = new Option<int>("--fixes-per-device") { Description = "Fixes each device publishes", DefaultValueFactory = _ => 1000 };
        var connections = new Option<int>("--connections") { Description = "MQTT connections the devices share (0: one per device, as real devices connect)", DefaultValueFactory = _ => 0 };
        var rate = new Option<double>("--rate") { Description = "Fixes per second per device (0: as fast as the server acknowledges)", DefaultValueFactory = _ => 0 };
        var username = new Option<string?>("--username")
        {
            Description = "MQTT username every connection logs in with: against a server outside demo mode, a gateway service account (@…) that may publish for the registered load devices",
        };
        var password = new Option<string?>("--password") { Description = "The password of --username (or set TRACKING_MQTT_PASSWORD)" };
        var command = new Command("load", "N devices publishing native fixes at rate R or as fast as the server takes them; reports the achieved rate, acknowledgements and latency.")
        {
            host, port, devices, fixesPerDevice, connections, rate, qos, seed, username, password,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new LoadOptions(
                parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(devices), parse.GetValue(fixesPerDevice),
                (MqttQualityOfServiceLevel)parse.GetValue(qos), parse.GetValue(seed), Connections: parse.GetValue(connections), RatePerDevice: parse.GetValue(rate),
                Username: parse.GetValue(username),
                Password: parse.GetValue(password) ?? Environment.GetEnvironmentVariable("TRACKING_MQTT_PASSWORD"));
            var generator = new LoadGenerator(options);
            var total = (long)options.Devices * options.FixesPerDevice;
            var console = AnsiConsole.Console;
            LoadResult result;
            if (console.Profile.Capabilities.Interactive)
            {
                result = await console.Progress().StartAsync(async context =>
                {
                    var task = context.AddTask("publishing", maxValue: total);
                    var running = generator.RunAsync(cancellationToken);
                    while (!running.IsCompleted)
                    {
                        var (published, failed) = generator.Progress;
                        task.Value = published + failed;
                        await Task.WhenAny(running, Task.Delay(250, CancellationToken.None));
                    }

                    task.Value = total;
                    return await running;
                });
            }
            else
            {
                result = await generator.RunAsync(cancellationToken);
            }

            Console.WriteLine(result);
            return result.Failed == 0 ? 0 : 1;
        });
        return command;
    }
}
