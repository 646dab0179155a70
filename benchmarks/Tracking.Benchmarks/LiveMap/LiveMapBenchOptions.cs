using System.Globalization;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// Options of one live-map run. The defaults are issue 6's load: 10,000 units each reporting once a second through
/// MQTT (QoS 1, as trackers do), and 100 hub clients over WebSockets, half JSON and half MessagePack, watching the
/// views a control room uses (a few the whole force, the rest a team, a station or a district).
/// </summary>
internal sealed record LiveMapBenchOptions
{
    public int Units { get; init; } = 10_000;

    /// <summary>Fixes per unit per second.</summary>
    public double Rate { get; init; } = 1;

    /// <summary>
    /// MQTT connections of the load generator; at QoS 1 each waits one durable commit per publish, so 10,000 fixes/s need
    /// thousands on this machine (500 reached 6,100/s; 2,000 reached 9,300–10,150/s).
    /// </summary>
    public int Connections { get; init; } = 2_000;

    public int Qos { get; init; } = 1;

    public int Clients { get; init; } = 100;

    /// <summary>Clients that watch the whole force.</summary>
    public int ForceClients { get; init; } = 4;

    /// <summary>Clients that watch one team each (of <see cref="BenchFleet.Teams"/>).</summary>
    public int TeamClients { get; init; } = 16;

    /// <summary>Clients that watch one station each (of <see cref="BenchFleet.Stations"/>); the rest watch a district (a box of 1/16 of the area).</summary>
    public int StationClients { get; init; } = 10;

    /// <summary>Share of the clients that speak MessagePack; the others speak JSON.</summary>
    public double MessagePackShare { get; init; } = 0.5;

    public double MaxFramesPerSecond { get; init; } = 2;

    /// <summary>Seconds of load before the measured window (JIT tiering, see RESULTS.md §3.6).</summary>
    public int WarmupSeconds { get; init; } = 30;

    /// <summary>Length of the measured window.</summary>
    public int Seconds { get; init; } = 60;

    public int Seed { get; init; } = 1;

    /// <summary>Map directory the server loads (the demo force area by default; <c>none</c> for none).</summary>
    public string? Map { get; init; }

    public string PostgresConnection { get; init; } = "Host=127.0.0.1;Port=55432;Username=tracking;Password=tracking;Database=tracking";

    public string? PostgresDataDirectory { get; init; }

    public string? WorkDirectory { get; init; }

    public bool KeepDatabase { get; init; }

    public string? Output { get; init; }

    /// <summary>Extra environment of the server process, for experiments (e.g. <c>DOTNET_PerfMapEnabled=1</c> to profile it).</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    public const string Usage = """
        dotnet run -c Release --project benchmarks/Tracking.Benchmarks -- livemap [options]
          --units N               units, one vehicle tracker each (default 10000)
          --rate R                fixes per unit per second (default 1)
          --connections C         MQTT connections of the load generator (default 2000)
          --qos Q                 0 or 1 (default 1)
          --clients K             hub clients (default 100; 0 measures the server without any)
          --force F               of which watch the whole force (default 4)
          --teams T               of which watch one team (default 16)
          --stations S            of which watch one station (default 10); the rest watch a district
          --messagepack-share X   share of clients on MessagePack, the rest JSON (default 0.5)
          --max-fps F             Tracking:LiveMap:MaxFramesPerSecond of the server (default 2)
          --warmup-seconds W      load before the measured window (default 30)
          --seconds S             measured window (default 60)
          --seed S                fleet and views seed (default 1)
          --map DIR|none          map the server loads (default <repo>/maps/leicester)
          --pg CONNECTION         superuser connection string (default the dev cluster on 127.0.0.1:55432)
          --pg-data DIR           PGDATA of that cluster (default <repo>/.data/pg/data)
          --work-dir DIR          journal and logs (default <repo>/.data/bench-livemap)
          --keep-database         do not drop the run's database
          --out FILE              also write the report to FILE
          --server-env NAME=VALUE extra environment for the server process (repeatable; for experiments)
        """;

    public static LiveMapBenchOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var options = new LiveMapBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--keep-database")
            {
                options = options with { KeepDatabase = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error.WriteLine($"{name}: a value is missing.\n{Usage}");
                return null;
            }

            var value = args[++i];
            try
            {
                options = name switch
                {
                    "--units" => options with { Units = Int(value) },
                    "--rate" => options with { Rate = Double(value) },
                    "--connections" => options with { Connections = Int(value) },
                    "--qos" => options with { Qos = Int(value) },
                    "--clients" => options with { Clients = Int(value) },
                    "--force" => options with { ForceClients = Int(value) },
                    "--teams" => options with { TeamClients = Int(value) },
                    "--stations" => options with { StationClients = Int(value) },
                    "--messagepack-share" => options with { MessagePackShare = Double(value) },
                    "--max-fps" => options with { MaxFramesPerSecond = Double(value) },
                    "--warmup-seconds" => options with { WarmupSeconds = Int(value) },
                    "--seconds" => options with { Seconds = Int(value) },
                    "--seed" => options with { Seed = Int(value) },
                    "--map" => options with { Map = value },
                    "--pg" => options with { PostgresConnection = value },
                    "--pg-data" => options with { PostgresDataDirectory = value },
                    "--work-dir" => options with { WorkDirectory = value },
                    "--out" => options with { Output = value },
                    "--server-env" when value.Split('=', 2) is [var key, var setting] =>
                        options with { ServerEnvironment = new Dictionary<string, string>(options.ServerEnvironment) { [key] = setting } },
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (FormatException exception)
            {
                error.WriteLine($"{name} {value}: {exception.Message}\n{Usage}");
                return null;
            }
        }

        if (options.Units < 1 || options.Rate <= 0 || options.Connections < 1 || options.Qos is < 0 or > 1 || options.Clients < 0
            || options.ForceClients + options.TeamClients + options.StationClients > options.Clients || options.Seconds < 1 || options.WarmupSeconds < 0)
        {
            error.WriteLine($"Out of range: units, connections and seconds at least 1, qos 0 or 1, force + teams + stations at most clients.\n{Usage}");
            return null;
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static double Double(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
