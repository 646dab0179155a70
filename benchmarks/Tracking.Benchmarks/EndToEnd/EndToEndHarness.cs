namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// The end-to-end ingestion benchmark of issue 2, in one run on one machine with everything on it: the two baselines
/// (Mosquitto relaying the same messages to one subscriber; binary COPY of the same rows) and our server at QoS 1 and
/// QoS 0, each with zero-loss checks and CPU per component. Results: benchmarks/RESULTS.md.
/// <c>e2e load …</c> is the load generator's own process (see <see cref="LoadWorker"/>).
/// </summary>
internal static class EndToEndHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            return await LoadWorker.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "mqttnet-floor")
        {
            return await MqttnetFloorWorker.RunAsync(args[1..]);
        }

        var options = E2eOptions.Parse(args, Console.Error);
        if (options is null)
        {
            return 2;
        }

        var paths = RepoPaths.Find();
        var work = Path.GetFullPath(options.WorkDirectory ?? Path.Combine(paths.Root, ".data", "bench"));
        Directory.CreateDirectory(work);
        var context = new RunContext(options, paths, work, options.PostgresDataDirectory ?? Path.Combine(paths.Root, ".data", "pg", "data"), Console.Error);
        var machine = await MachineInfo.DescribeAsync(options, paths);
        context.Say($"server: {paths.ServerDll}; logs in {work}");

        var results = new List<ScenarioResult>();
        foreach (var scenario in options.Scenarios)
        {
            try
            {
                results.Add(scenario switch
                {
                    "mosquitto-qos1" => await MosquittoRelayScenario.RunAsync(context, 1),
                    "mosquitto-qos0" => await MosquittoRelayScenario.RunAsync(context, 0),
                    "mqttnet-floor-qos1" => await MqttnetFloorScenario.RunAsync(context, 1),
                    "mqttnet-floor-qos0" => await MqttnetFloorScenario.RunAsync(context, 0),
                    "server-qos1" => await ServerScenario.RunAsync(context, 1),
                    "server-qos0" => await ServerScenario.RunAsync(context, 0),
                    _ => await CopyBaselineScenario.RunAsync(context, scenario),
                });
                context.Say($"{scenario}: {results[^1].Rate:N0}/s, {results[^1].LossDetail}");
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One broken scenario must not hide the others' numbers; it is reported as failed.
                context.Say($"{scenario}: FAILED: {exception}");
                results.Add(ScenarioResult.Failed(scenario, scenario, options.TotalFixes, exception));
            }
        }

        var report = ResultsReport.Write(options, machine, results);
        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report);
        }

        // Failing means our server lost something or a scenario broke; a baseline's QoS 0 loss is reported, not failed.
        return results.Where(ResultsReport.IsOurs).All(r => r.ZeroLoss) && results.All(r => !double.IsNaN(r.WindowSeconds)) ? 0 : 1;
    }
}
