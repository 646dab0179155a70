using Microsoft.Extensions.Options;
using Npgsql;
using Tracking.Server.Ingestion;
using Tracking.Server.Live;
using Tracking.Storage.Fixes;

namespace Tracking.Server.Journal;

/// <summary>
/// Copies the journal into PostgreSQL in order, in batches, and moves the checkpoint after each commit.
/// While the database is unreachable it retries the same batch with growing pauses and the journal keeps
/// accepting; when the database is back the backlog drains in order. On start it first replays what an earlier
/// process left undrained (and shows those fixes on the live map too).
/// </summary>
internal sealed partial class JournalDrainer(
    FixJournal journal,
    NpgsqlDataSource dataSource,
    DeviceRegistry registry,
    IngestStats stats,
    LiveState live,
    IOptions<JournalOptions> options,
    TimeProvider time,
    ILogger<JournalDrainer> logger) : BackgroundService
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(5);
    private long _drainedThisProcess;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = new SegmentReader(journal, registry.Intern, logger);
        await using var writer = new FixWriter(dataSource);
        var cursor = journal.RecoveredStart.Segment == 0 ? journal.RecoveredEnd : journal.RecoveredStart;
        stats.Undrained = () => Math.Max(0, journal.AppendedFixes - _drainedThisProcess);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var end = journal.DurableEnd;
                var (fixes, next) = reader.Read(cursor, end, options.Value.DrainBatchSize);
                if (fixes.Count == 0 && next == cursor)
                {
                    await journal.WaitForDataAfterAsync(cursor, stoppingToken);
                    continue;
                }

                if (fixes.Count > 0)
                {
                    using var activity = IngestionTelemetry.Source.StartActivity("store");
                    activity?.SetTag("tracking.fixes", fixes.Count);
                    var inserted = await WriteWithRetryAsync(writer, fixes, stoppingToken);
                    stats.Store(inserted, fixes.Count - inserted, time.GetUtcNow(), fixes);
                    if (cursor < journal.RecoveredEnd)
                    {
                        live.OfferAll(fixes);
                    }
                    else
                    {
                        Interlocked.Add(ref _drainedThisProcess, fixes.Count);
                    }
                }

                journal.SaveCheckpoint(next);
                cursor = next;
                if (fixes.Count < options.Value.DrainBatchSize && options.Value.DrainLinger > TimeSpan.Zero)
                {
                    await Task.Delay(options.Value.DrainLinger, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<int> WriteWithRetryAsync(FixWriter writer, List<Core.Fixes.Fix> fixes, CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromMilliseconds(200);
        var failures = 0;
        while (true)
        {
            try
            {
                var inserted = await writer.WriteAsync(fixes, stoppingToken);
                if (failures > 0)
                {
                    LogDatabaseBack(logger, failures);
                }

                return inserted;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                if (failures++ == 0)
                {
                    LogDatabaseUnavailable(logger, exception, fixes.Count);
                }

                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 1120, Level = LogLevel.Warning, Message = "PostgreSQL unavailable; {Count} fixes wait in the journal and fixes keep being accepted there. Retrying")]
    private static partial void LogDatabaseUnavailable(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Information, Message = "PostgreSQL is back after {Failures} failed attempts; draining the journal")]
    private static partial void LogDatabaseBack(ILogger logger, int failures);
}
