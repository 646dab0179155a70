using System.Globalization;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// The benchmark's force, the same in every process of a run: unit <c>lm-00042</c> with vehicle tracker
/// <c>lm-00042-veh</c>, its team and station by number, a seeded start inside the demo force area, and the hub
/// clients' views. Stateless, thread-safe.
/// </summary>
internal static class BenchFleet
{
    /// <summary>Where the units drive: inside the demo force area (maps/leicester), degrees WGS84.</summary>
    public const double West = -1.30;

    public const double South = 52.52;

    public const double East = -0.98;

    public const double North = 52.76;

    public const int Teams = 20;

    public const int Stations = 10;

    public static string UnitId(int unit) => string.Create(CultureInfo.InvariantCulture, $"lm-{unit:D5}");

    public static string DeviceId(int unit) => UnitId(unit) + "-veh";

    public static string Team(int unit) => string.Create(CultureInfo.InvariantCulture, $"LM team {unit % Teams:D2}");

    public static string Station(int unit) => string.Create(CultureInfo.InvariantCulture, $"LM station {unit % Stations:D2}");

    /// <summary>
    /// The clients' views, in order: the force, then teams, then stations, then districts (a seeded box a quarter of
    /// the area's width and height); every other client speaks MessagePack, as far as <paramref name="messagePackShare"/> allows.
    /// </summary>
    public static List<BenchView> Views(int clients, int force, int teams, int stations, double messagePackShare, int seed)
    {
        var random = new Random(seed);
        var views = new List<BenchView>(clients);
        var packed = 0;
        for (var i = 0; i < clients; i++)
        {
            var messagePack = packed < (i + 1) * messagePackShare - 1e-9;
            if (messagePack)
            {
                packed++;
            }

            Dictionary<string, object?> request;
            string kind;
            if (i < force)
            {
                (kind, request) = ("force", new() { ["kind"] = "force" });
            }
            else if (i < force + teams)
            {
                (kind, request) = ("team", new() { ["kind"] = "team", ["team"] = Team(i - force) });
            }
            else if (i < force + teams + stations)
            {
                (kind, request) = ("station", new() { ["kind"] = "station", ["station"] = Station(i - force - teams) });
            }
            else
            {
                var width = (East - West) / 4;
                var height = (North - South) / 4;
                var west = West + (random.NextDouble() * (East - West - width));
                var south = South + (random.NextDouble() * (North - South - height));
                (kind, request) = ("district", new() { ["kind"] = "bbox", ["west"] = west, ["south"] = south, ["east"] = west + width, ["north"] = south + height });
            }

            views.Add(new BenchView(kind, request, messagePack));
        }

        return views;
    }
}
