using Tracking.Core.Analytics;
using Tracking.Core.Resources;
using Tracking.Server.Patrol;
using Tracking.Storage.Command;

namespace Tracking.Server.Reports;

/// <summary>
/// Measures every vehicle's closed days in the background (the last two, every quarter of an hour), so the morning's
/// mileage report reads stored figures instead of yesterday's fixes; a day a late fix changed is measured again here too.
/// </summary>
internal sealed partial class VehicleDayMeasurement(
    VehicleDays days, ReferenceStore reference, MapState maps, TimeProvider time, ILogger<VehicleDayMeasurement> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Distances are measured in the map's projection: with no map loaded yet there is nothing to measure in.
                if (ReferenceEquals(maps.Current, MapSnapshot.Empty))
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    continue;
                }

                var today = LocalCalendar.London.Day(time.GetUtcNow());
                var vehicles = (await reference.ListDevicesAsync(stoppingToken)).Where(d => d.Kind == DeviceKind.VehicleTracker).Select(d => d.Id).ToList();
                await days.MeasureAsync(vehicles, today.AddDays(-2), today.AddDays(-1), maps.Current.Map.Projection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException)
            {
                // The report measures what is missing itself; this only saves it the work.
                LogFailed(logger, exception);
            }

            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(EventId = 2400, Level = LogLevel.Warning, Message = "Measuring the vehicles' closed days failed; the mileage report measures them when asked")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
