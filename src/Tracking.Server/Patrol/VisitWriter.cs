using System.Threading.Channels;
using Tracking.Core.Patrol;
using Tracking.Storage.Patrol;

namespace Tracking.Server.Patrol;

/// <summary>
/// Stores the stays live presence closes (and deletes those it retracted) on its own loop, so the
/// patrol stage never waits for PostgreSQL. While the database is away the changes wait here, in
/// order, and are retried; past <see cref="Capacity"/> waiting changes new ones are dropped,
/// counted and logged (retrospective presence over the stored tracks still has them).
/// </summary>
internal sealed partial class VisitWriter(VisitStore store, ILogger<VisitWriter> logger) : BackgroundService
{
    /// <summary>Most changes (batches of closed and retracted stays) waiting for the database.</summary>
    public const int Capacity = 100_000;

    private readonly Channel<(Stay[] Closed, Stay[] Retracted)> _pending = Channel.CreateBounded<(Stay[], Stay[])>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _stored;
    private long _dropped;

    public long StoredStays => Interlocked.Read(ref _stored);

    public long DroppedStays => Interlocked.Read(ref _dropped);

    /// <summary>Queues a change; never blocks.</summary>
    public void Enqueue(IReadOnlyList<Stay> closed, IReadOnlyList<Stay> retracted)
    {
        if (closed.Count == 0 && retracted.Count == 0)
        {
            return;
        }

        if (!_pending.Writer.TryWrite(([.. closed], [.. retracted])) && Interlocked.Add(ref _dropped, closed.Count) == closed.Count)
        {
            LogFirstDrop(logger, Capacity);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        try
        {
            await foreach (var (closed, retracted) in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                // In order: a retraction must never overtake the stay it retracts.
                while (true)
                {
                    try
                    {
                        await store.WriteAsync(closed, retracted, stoppingToken);
                        Interlocked.Add(ref _stored, closed.Length);
                        backoff = TimeSpan.FromSeconds(1);
                        break;
                    }
                    catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or IOException)
                    {
                        LogStoreFailed(logger, exception, closed.Length, backoff.TotalSeconds);
                        await Task.Delay(backoff, stoppingToken);
                        backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 30));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1612, Level = LogLevel.Warning,
        Message = "More than {Capacity} stay changes wait for the database: new ones are dropped from the visits table (retrospective presence still counts them)")]
    private static partial void LogFirstDrop(ILogger logger, int capacity);

    [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "Storing {Count} closed stays failed; retrying in {Seconds} s")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int count, double seconds);
}
