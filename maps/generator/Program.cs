using System.CommandLine;
using Tracking.MapGenerator;

var output = new Option<string>("--out") { Description = "Directory to write the map into (created if missing)", DefaultValueFactory = _ => "maps/leicester" };
var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same files, byte for byte", DefaultValueFactory = _ => ForceAreaOptions.DemoSeed };
var scale = new Option<ForceAreaScale>("--scale") { Description = "demo (about 30 km across, committed) or county (about 60 km across, for benchmarks)", DefaultValueFactory = _ => ForceAreaScale.Demo };

var root = new RootCommand("Generates the demo force area (Leicester): beats, priority locations, stations, roads and water as GeoJSON.")
{
    output, seed, scale,
};
root.SetAction(parse =>
{
    var area = ForceAreaGenerator.GenerateArea(new ForceAreaOptions(parse.GetValue(seed), parse.GetValue(scale)));
    var directory = parse.GetValue(output)!;
    ForceMapWriter.Write(area, directory);
    var map = area.Map;
    var directedEdges = map.Roads.Sum(r => (r.Line.NumPoints - 1) * (r.OneWay ? 1 : 2));
    Console.WriteLine(
        $"{map.Name}: {map.Beats.Count} beats, {map.Locations.Count} priority locations, {map.Stations.Count} stations, " +
        $"{map.Roads.Count} roads ({directedEdges} directed edges, {area.BridgeRoadIds.Count} bridges) written to {directory}");
    return 0;
});

return root.Parse(args).Invoke();
