namespace Tracking.MapGenerator.Tests;

/// <summary>The county-scale area made in memory for benchmarks.</summary>
public class CountyScaleTests
{
    [Fact]
    public void County_scale_network_has_over_100000_directed_edges_and_is_strongly_connected()
    {
        var map = ForceAreaGenerator.Generate(new ForceAreaOptions(ForceAreaOptions.DemoSeed, ForceAreaScale.County));
        var graph = new RoadGraph(map.Roads.Select(r => (r.Line, r.OneWay)));

        Assert.True(graph.EdgeCount >= 100_000, $"Only {graph.EdgeCount} directed edges.");
        Assert.Equal(graph.Nodes.Count, RoadGraph.Reached(graph.Forward, 0));
        Assert.Equal(graph.Nodes.Count, RoadGraph.Reached(graph.Backward, 0));
        var extent = new NetTopologySuite.Geometries.Envelope();
        foreach (var beat in map.Beats)
        {
            extent.ExpandToInclude(beat.Area.EnvelopeInternal);
        }

        Assert.True(extent.Width > 0.7, $"Only {extent.Width:F2}° of longitude across (about 60 km is 0.9°).");
    }
}
