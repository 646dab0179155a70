using Microsoft.Extensions.Options;
using Tracking.Storage.Maps;

namespace Tracking.Server.Patrol;

/// <summary>
/// Runs after the database is ready: imports the configured map directory (new and changed
/// beats, stations, roads and priority locations; unchanged ones stay as they are) and loads
/// the map into <see cref="MapState"/> before fixes flow.
/// </summary>
internal sealed partial class MapStartup(MapStore store, MapState maps, IOptions<PatrolOptions> options, ILogger<MapStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MapDirectory is { } directory)
        {
            var loaded = ForceMapLoader.LoadWithProblems(directory);
            foreach (var problem in loaded.Problems.Take(20))
            {
                LogMapProblem(logger, directory, problem.ToString());
            }

            await store.ImportAsync(loaded.Map, cancellationToken: cancellationToken);
        }

        await maps.ReloadAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Map {Directory}: {Problem}")]
    private static partial void LogMapProblem(ILogger logger, string directory, string problem);
}
