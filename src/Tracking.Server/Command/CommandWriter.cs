using System.Threading.Channels;

namespace Tracking.Server.Command;

/// <summary>
/// Stores what the control room decides by itself (arrivals, self-deployments, shift starts and
/// ends, alarms) on its own loop, so the control room never waits for PostgreSQL on a fix. While
/// the database is away the writes wait here in order and are retried; past <see cref="Capacity"/>
/// waiting writes new ones are dropped, counted and logged. What a person asks for through the API
/// is stored before it is answered and does not come through here.
/// </summary>
internal sealed partial class CommandWriter(ILogger<CommandWriter> logger) : BackgroundService
{
    public const int Capacity = 100_000;

    private readonly Channel<Func<CancellationToken, Task>> _pending = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _written;
    private long _dropped;
    private int _waiting;

    public long Written => Interlocked.Read(ref _written);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Writes not yet stored.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Queues a write; never blocks.</summary>
    public void Enqueue(Func<CancellationToken, Task> write)
    {
        if (_pending.Writer.TryWrite(write))
        {
            Interlocked.Increment(ref _waiting);
        }
        else if (Interlocked.Increment(ref _dropped) == 1)
        {
            LogFirstDrop(logger, Capacity);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        try
        {
            await foreach (var write in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                while (true)
                {
                    try
                    {
                        await write(stoppingToken);
                        Interlocked.Increment(ref _written);
                        Interlocked.Decrement(ref _waiting);
                        backoff = TimeSpan.FromSeconds(1);
                        break;
                    }
                    catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or IOException)
                    {
                        LogRetry(logger, exception, backoff.TotalSeconds);
                        await Task.Delay(backoff, stoppingToken);
                        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "Could not store a control-room change; retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Error, Message = "{Capacity} control-room changes wait for the database: new ones are dropped (counted)")]
    private static partial void LogFirstDrop(ILogger logger, int capacity);
}
