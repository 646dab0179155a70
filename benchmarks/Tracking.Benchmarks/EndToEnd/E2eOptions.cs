using System.Globalization;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// Options of one end-to-end run. The defaults are a force-sized fleet (300 device connections) and enough fixes per
/// scenario (300,000) that start-up and tail effects stay within a few percent, while a full run stays under ten minutes.
/// </summary>
internal sealed record E2eOptions
{
    public int Devices { get; init; } = 300;

    public int FixesPerDevice { get; init; } = 1000;

    /// <summary>
    /// Seconds of load before each measured run, so that JIT compilation is not measured: a profile of the server
    /// showed 30% of its CPU in tier-1 recompilation 2–10 s into the load, and none 30 s in.
    /// </summary>
    public int WarmupSeconds { get; init; } = 30;

    public int Seed { get; init; } = 1;

    /// <summary>Rows per COPY in the COPY baselines; the server's drainer uses 10,000 by default.</summary>
    public int CopyBatch { get; init; } = 10_000;

    /// <summary>Which scenarios to run, by name (see <see cref="DefaultScenarios"/>).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = DefaultScenarios;

    /// <summary>Extra environment of the server process, for experiments (e.g. <c>DOTNET_gcServer=0</c>).</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Superuser connection to the maintenance database; each scenario creates and drops its own database.</summary>
    public string PostgresConnection { get; init; } = "Host=127.0.0.1;Port=55432;Username=tracking;Password=tracking;Database=tracking";

    /// <summary>PGDATA of that cluster: its <c>postmaster.pid</c> tells which processes are PostgreSQL.</summary>
    public string? PostgresDataDirectory { get; init; }

    public string Mosquitto { get; init; } = "/usr/sbin/mosquitto";

    public string MosquittoSub { get; init; } = "mosquitto_sub";

    /// <summary>Journal and logs; must be on a real disk (not tmpfs) so the journal's fsync costs what it costs in production.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Keep each scenario's database instead of dropping it (to look at the rows afterwards).</summary>
    public bool KeepDatabases { get; init; }

    /// <summary>Also write the markdown report to this file.</summary>
    public string? Output { get; init; }

    public long TotalFixes => (long)Devices * FixesPerDevice;

    public static IReadOnlyList<string> DefaultScenarios { get; } =
        ["mosquitto-qos1", "mosquitto-qos0", "copy-plain", "copy-pk", "copy-indexed", "copy-fixwriter", "mqttnet-floor-qos1", "mqttnet-floor-qos0", "server-qos1", "server-qos0"];

    public const string Usage = """
        dotnet run -c Release --project benchmarks/Tracking.Benchmarks -- e2e [options]
          --devices N                 device connections (default 300)
          --fixes-per-device K        fixes each device publishes per scenario (default 1000)
          --warmup-seconds W          seconds of load before each measured run (default 30)
          --seed S                    fleet seed (default 1)
          --copy-batch B              rows per COPY in the COPY baselines (default 10000)
          --scenarios a,b,...         subset of: mosquitto-qos1, mosquitto-qos0, copy-plain, copy-pk, copy-indexed,
                                      copy-fixwriter, mqttnet-floor-qos1, mqttnet-floor-qos0, server-qos1,
                                      server-qos0 (default all)
          --server-env NAME=VALUE     extra environment for the server process (repeatable; for experiments)
          --pg CONNECTION             superuser connection string (default the dev cluster on 127.0.0.1:55432)
          --pg-data DIR               PGDATA of that cluster (default <repo>/.data/pg/data)
          --mosquitto PATH            mosquitto binary (default /usr/sbin/mosquitto)
          --mosquitto-sub PATH        mosquitto_sub binary (default from PATH)
          --work-dir DIR              journal and logs (default <repo>/.data/bench)
          --keep-databases            do not drop the per-scenario databases
          --out FILE                  also write the report to FILE
        """;

    /// <summary>Parses the command line; returns null (and prints why) when it is not understood.</summary>
    public static E2eOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var options = new E2eOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                error.WriteLine(Usage);
                return null;
            }

            if (name == "--keep-databases")
            {
                options = options with { KeepDatabases = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error.WriteLine($"{name} needs a value.\n{Usage}");
                return null;
            }

            var value = args[++i];
            try
            {
                options = name switch
                {
                    "--devices" => options with { Devices = Positive(value) },
                    "--fixes-per-device" => options with { FixesPerDevice = Positive(value) },
                    "--warmup-seconds" => options with { WarmupSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--copy-batch" => options with { CopyBatch = Positive(value) },
                    "--scenarios" => options with { Scenarios = Scenario(value) },
                    "--pg" => options with { PostgresConnection = value },
                    "--pg-data" => options with { PostgresDataDirectory = value },
                    "--mosquitto" => options with { Mosquitto = value },
                    "--mosquitto-sub" => options with { MosquittoSub = value },
                    "--work-dir" => options with { WorkDirectory = value },
                    "--out" => options with { Output = value },
                    "--server-env" => options with { ServerEnvironment = WithVariable(options.ServerEnvironment, value) },
                    _ => throw new FormatException($"unknown option {name}"),
                };
            }
            catch (FormatException exception)
            {
                error.WriteLine($"{name} {value}: {exception.Message}\n{Usage}");
                return null;
            }
        }

        return options;
    }

    private static int Positive(string value)
    {
        var parsed = int.Parse(value, CultureInfo.InvariantCulture);
        return parsed > 0 ? parsed : throw new FormatException("must be > 0");
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> environment, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException("expected NAME=VALUE");
        }

        return new Dictionary<string, string>(environment) { [value[..equals]] = value[(equals + 1)..] };
    }

    private static string[] Scenario(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
        {
            if (!DefaultScenarios.Contains(name))
            {
                throw new FormatException($"unknown scenario {name}");
            }
        }

        return names;
    }
}
