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

    private readonly CancellationTokenSource _abandon = new();
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

    /// <summary>
    /// At shutdown the writes still waiting are stored before the server stops (the control room has
    /// stopped by then: it is registered after this writer), retried until the host's shutdown timeout.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        using var abandon = cancellationToken.Register(() => _abandon.Cancel());
        await base.StopAsync(cancellationToken);
        if (Waiting > 0)
        {
            LogAbandoned(logger, Waiting);
        }
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var token = _abandon.Token;
        try
        {
            // Not stoppingToken: a stop completes the queue, and what waits is still written.
            await foreach (var write in _pending.Reader.ReadAllAsync(token))
            {
                while (true)
                {
                    try
                    {
                        await write(token);
                        Interlocked.Increment(ref _written);
                        Interlocked.Decrement(ref _waiting);
                        backoff = TimeSpan.FromSeconds(1);
                        break;
                    }
                    catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or IOException)
                    {
                        LogRetry(logger, exception, backoff.TotalSeconds);
                        await Task.Delay(backoff, token);
                        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "Could not store a control-room change; retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Error, Message = "The server stopped with {Count} control-room changes not stored (the database did not come back in time)")]
    private static partial void LogAbandoned(ILogger logger, int count);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Error, Message = "{Capacity} control-room changes wait for the database: new ones are dropped (counted)")]
    private static partial void LogFirstDrop(ILogger logger, int capacity);
}
