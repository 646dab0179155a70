using System.Threading.Channels;
using Tracking.Storage.DeadLetters;

namespace Tracking.Server.Ingestion;

/// <summary>
/// Refused messages on their way to the <c>rejected_messages</c> table. Bounded, and its overflow policy is to drop
/// the newest dead letter and count it (<see cref="IngestStats.DeadLettersDropped"/>): a device flooding garbage
/// must cost memory and database time only up to a limit, and never hold up anyone's fixes.
/// Thread-safe: many writers, one background reader.
/// </summary>
internal sealed partial class DeadLetterQueue(DeadLetterWriter writer, IngestStats stats, ILogger<DeadLetterQueue> logger) : BackgroundService
{
    /// <summary>Oversized payloads are kept only up to this many bytes.</summary>
    public const int MaxStoredPayloadBytes = 8192;
    private const int Capacity = 10_000;
    private const int BatchSize = 500;

    private readonly Channel<DeadLetter> _queue = Channel.CreateBounded<DeadLetter>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    public void Enqueue(DeadLetter letter)
    {
        if (!_queue.Writer.TryWrite(letter))
        {
            stats.DeadLetterDropped();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<DeadLetter>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < BatchSize && _queue.Reader.TryRead(out var letter))
                {
                    batch.Add(letter);
                }

                try
                {
                    await writer.WriteAsync(batch, stoppingToken);
                }
                catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException)
                {
                    // Dead letters are evidence, not data anyone acknowledged: when the database is away they are counted and dropped.
                    for (var i = 0; i < batch.Count; i++)
                    {
                        stats.DeadLetterDropped();
                    }

                    LogWriteFailed(logger, exception, batch.Count);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Could not store {Count} dead letters; they were counted and dropped")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}
