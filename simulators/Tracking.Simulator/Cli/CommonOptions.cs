using System.CommandLine;

namespace Tracking.Simulator.Cli;

/// <summary>The options several modes share, each defined once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> Host() => new("--host") { Description = "MQTT broker host (the server's embedded broker)", DefaultValueFactory = _ => "127.0.0.1" };

    public static Option<int> Port() => new("--port") { Description = "MQTT broker port", DefaultValueFactory = _ => 1883 };

    public static Option<int> Seed() => new("--seed") { Description = "Random seed: the same seed gives the same fleet, routes, incidents and faults", DefaultValueFactory = _ => 1 };

    public static Option<int> Qos() => new("--qos") { Description = "MQTT QoS of the publishes (0 or 1)", DefaultValueFactory = _ => 1 };

    public static Option<int> Vehicles(int defaultValue) => new("--vehicles") { Description = "Response vehicles (cars, vans, ARVs, dog units, motorcycles)", DefaultValueFactory = _ => defaultValue };

    public static Option<int> Foot(int defaultValue) => new("--foot") { Description = "Foot patrols and PCSOs, each on a beat of their own", DefaultValueFactory = _ => defaultValue };

    public static Option<string?> Map() => new("--map") { Description = "Map directory (default: maps/leicester of the repository)" };

    public static Option<string> Api() => new("--api") { Description = "The server's HTTP API", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

    /// <summary>
    /// The API token for a server outside demo mode (sent as <c>Authorization: Bearer</c>); by default from the
    /// environment variable <c>TRACKING_API_TOKEN</c>, which, unlike a command line, other users of the machine cannot read.
    /// </summary>
    public static Option<string?> Token() => new("--token")
    {
        Description = "API token for a server outside demo mode (default: the environment variable TRACKING_API_TOKEN); a demo server needs none",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TRACKING_API_TOKEN") is { Length: > 0 } token ? token : null,
    };

    public static Option<string> OsmAnd() => new("--osmand") { Description = "The server's OsmAnd (Traccar Client) listener", DefaultValueFactory = _ => "http://127.0.0.1:5055" };

    /// <summary>The map directory given, or <c>maps/leicester</c> found above the working directory or the program.</summary>
    public static string MapDirectory(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "maps", "leicester");
                if (File.Exists(Path.Combine(candidate, "map.json")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("maps/leicester was not found above the working directory; give the map directory with --map.");
    }

    /// <summary>An absolute http(s) URL, or null for "none" or an empty value.</summary>
    public static Uri? Url(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : new Uri(value, UriKind.Absolute);
}
