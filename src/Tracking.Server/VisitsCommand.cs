using System.Globalization;
using Npgsql;
using Tracking.Server.Patrol;
using Tracking.Server.Storage;
using Tracking.Storage.Maps;
using Tracking.Storage.Patrol;

namespace Tracking.Server;

/// <summary>
/// <c>Tracking.Server visits rebuild --from T --to T</c>: recomputes the stored visits and passes of a closed period from
/// the stored tracks (<see cref="VisitRebuild"/>) with the server's configuration, and exits. For history imported
/// straight into PostGIS, which live presence never saw.
/// </summary>
internal static class VisitsCommand
{
    private const string Usage = "usage: Tracking.Server visits rebuild --from 2026-11-02T00:00:00Z --to 2026-11-09T00:00:00Z";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "rebuild")
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[1..])
            .Build();
        var connectionString = configuration.GetConnectionString(StorageModule.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("ConnectionStrings:Tracking is not set (environment variable ConnectionStrings__Tracking).");
            return 2;
        }

        if (!TryTime(configuration["from"], out var from) || !TryTime(configuration["to"], out var to))
        {
            await Console.Error.WriteLineAsync("--from and --to are required, ISO 8601 with a zone.\n" + Usage);
            return 2;
        }

        var rules = (configuration.GetSection(PatrolOptions.Section).Get<PatrolOptions>() ?? new PatrolOptions()).Rules;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var rebuild = new VisitRebuild(new StoredTracks(dataSource), new VisitStore(dataSource), new MapStore(dataSource), TimeProvider.System);
        if (rebuild.Problem(from, to, rules) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        var result = await rebuild.RunAsync(from, to, rules, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rebuilt {from:O} – {to:O}: {result.Fixes:N0} fixes of {result.Devices:N0} devices, {result.Areas} areas; {result.StaysDeleted:N0} stays deleted, {result.StaysWritten:N0} written."));
        return 0;
    }

    private static bool TryTime(string? text, out DateTimeOffset time)
    {
        time = default;
        return text is not null && Tracking.Storage.Command.IsoTime.TryParse(text, out time, out _);
    }
}
