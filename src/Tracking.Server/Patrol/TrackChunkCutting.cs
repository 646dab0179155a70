using Microsoft.Extensions.Options;
using Tracking.Storage.Tracks;

namespace Tracking.Server.Patrol;

/// <summary>
/// Cuts the stored fixes into track chunks in the background (<see cref="TrackChunkBuilder"/>): at start, catching up
/// with whatever history is there, then every <see cref="PatrolOptions.TrackChunkInterval"/>. Retrospective presence
/// reads fixes not cut yet from the fixes table, so a late or failed pass only makes it slower.
/// </summary>
internal sealed partial class TrackChunkCutting(
    TrackChunkBuilder builder, IOptions<PatrolOptions> options, TimeProvider time, ILogger<TrackChunkCutting> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await builder.CatchUpAsync(stoppingToken);
                if (result.Chunks > 0 || result.RecutDays > 0)
                {
                    LogCut(logger, result.Fixes, result.Chunks, result.RecutDays, result.BuiltUntil);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException)
            {
                LogFailed(logger, exception);
            }

            await Task.Delay(options.Value.TrackChunkInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(EventId = 1340, Level = LogLevel.Debug, Message = "Track chunks: {Fixes} fixes cut into {Chunks} chunks, {RecutDays} device days cut again, built until {BuiltUntil:O}")]
    private static partial void LogCut(ILogger logger, long fixes, long chunks, long recutDays, DateTimeOffset? builtUntil);

    [LoggerMessage(EventId = 1341, Level = LogLevel.Warning, Message = "Cutting the stored tracks into chunks failed; retrospective presence reads the fixes not cut yet from the fixes table")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
