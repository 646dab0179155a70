namespace Tracking.Server.Tests.LiveMap;

/// <summary>The argument of <c>JoinView</c> as a browser sends it: a map with camelCase keys (so it goes as a map over MessagePack too).</summary>
public static class MapViews
{
    public static Dictionary<string, object?> Force() => new() { ["kind"] = "force" };

    public static Dictionary<string, object?> Box(double west, double south, double east, double north) => new()
    {
        ["kind"] = "bbox",
        ["west"] = west,
        ["south"] = south,
        ["east"] = east,
        ["north"] = north,
    };

    public static Dictionary<string, object?> Team(string team) => new() { ["kind"] = "team", ["team"] = team };

    public static Dictionary<string, object?> Station(string station) => new() { ["kind"] = "station", ["station"] = station };
}
