using System.CommandLine;
using Spectre.Console;
using Tracking.Simulator.Cli;

namespace Tracking.Simulator.Backfill;

/// <summary>The <c>backfill</c> mode on the command line.</summary>
internal static class BackfillCommand
{
    public static Command Create()
    {
        var connectionString = new Option<string>("--connection-string") { Description = "PostgreSQL/PostGIS connection string (Host=…;Port=…;Username=…;Password=…;Database=…)", Required = true };
        var days = new Option<double>("--days") { Description = "Days of history, ending now (or at --end)", DefaultValueFactory = _ => 7 };
        var end = new Option<DateTimeOffset?>("--end") { Description = "End of the history, ISO-8601 (default: now, to the minute)" };
        var vehicles = CommonOptions.Vehicles(50);
        var foot = CommonOptions.Foot(20);
        var seed = CommonOptions.Seed();
        var map = CommonOptions.Map();
        var batch = new Option<int>("--batch") { Description = "Fixes per COPY batch", DefaultValueFactory = _ => 50_000 };
        var command = new Command("backfill", "Writes days of the fleet's history straight into PostGIS (migrations first), for the analytics benchmarks.")
        {
            connectionString, days, end, vehicles, foot, seed, batch, map,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var now = DateTimeOffset.UtcNow;
            var options = new BackfillOptions(
                parse.GetValue(connectionString)!, parse.GetValue(days), parse.GetValue(vehicles), parse.GetValue(foot), parse.GetValue(seed),
                parse.GetValue(end) ?? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero),
                CommonOptions.MapDirectory(parse.GetValue(map)))
            {
                BatchSize = parse.GetValue(batch),
            };
            var result = await new BackfillRunner(options, AnsiConsole.Console).RunAsync(cancellationToken);
            Console.WriteLine(result);
            return 0;
        });
        return command;
    }
}
