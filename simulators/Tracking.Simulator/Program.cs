using System.CommandLine;
using MQTTnet.Protocol;
using Tracking.Simulator.Fleet;
using Tracking.Simulator.Load;

var host = new Option<string>("--host") { Description = "MQTT broker host", DefaultValueFactory = _ => "127.0.0.1" };
var port = new Option<int>("--port") { Description = "MQTT broker port", DefaultValueFactory = _ => 1883 };
var devices = new Option<int>("--devices") { Description = "Number of simulated devices, each with its own connection", DefaultValueFactory = _ => 50 };
var rate = new Option<double>("--rate") { Description = "Fixes per second per device", DefaultValueFactory = _ => 1 };
var qos = new Option<int>("--qos") { Description = "MQTT QoS of the publishes (0 or 1)", DefaultValueFactory = _ => 1 };
var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same fleet", DefaultValueFactory = _ => 1 };
var fixesPerDevice = new Option<int>("--fixes-per-device") { Description = "Load: fixes each device publishes", DefaultValueFactory = _ => 1000 };

var root = new RootCommand("Tracking device simulator: a fleet that reports over MQTT (default), or a load generator (load).")
{
    host, port, devices, rate, qos, seed,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var options = new FleetOptions(
        parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(devices), parse.GetValue(rate),
        (MqttQualityOfServiceLevel)parse.GetValue(qos), parse.GetValue(seed));
    await new FleetRunner(options, Console.Out).RunAsync(cancellationToken);
    return 0;
});

var load = new Command("load", "Publish a fixed number of fixes from many device connections as fast as the server takes them; report rate, acknowledgements and latency.")
{
    host, port, devices, fixesPerDevice, qos, seed,
};
load.SetAction(async (parse, cancellationToken) =>
{
    var options = new LoadOptions(
        parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(devices), parse.GetValue(fixesPerDevice),
        (MqttQualityOfServiceLevel)parse.GetValue(qos), parse.GetValue(seed));
    var result = await new LoadGenerator(options).RunAsync(cancellationToken);
    Console.WriteLine(result);
    return result.Failed == 0 ? 0 : 1;
});
root.Add(load);

return await root.Parse(args).InvokeAsync();
