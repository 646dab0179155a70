namespace Tracking.Server.Command;

/// <summary>
/// Messages from the server to devices (dispatches on <c>tracking/{deviceId}/dispatch</c>). The broker in use,
/// embedded or external, attaches its sender when it starts; until then, or while an external broker is
/// unreachable, a message cannot leave and the failure is counted and logged (the assignment itself stands,
/// and the live map shows it).
/// </summary>
internal sealed partial class DeviceOutbox(ILogger<DeviceOutbox> logger)
{
    private Func<string, byte[], CancellationToken, Task>? _sender;
    private long _sent;
    private long _failed;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Called by the broker: how to publish a message (QoS 1, not retained).</summary>
    public void Attach(Func<string, byte[], CancellationToken, Task> sender) => Volatile.Write(ref _sender, sender);

    public async Task<bool> PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        var sender = Volatile.Read(ref _sender);
        try
        {
            if (sender is null)
            {
                throw new InvalidOperationException("no broker is attached");
            }

            await sender(topic, payload, cancellationToken);
            Interlocked.Increment(ref _sent);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
            LogFailed(logger, exception, topic);
            return false;
        }
    }

    /// <summary>The topic a device receives its dispatches on.</summary>
    public static string DispatchTopic(string deviceId) => "tracking/" + deviceId + "/dispatch";

    [LoggerMessage(EventId = 1710, Level = LogLevel.Warning, Message = "Could not publish to {Topic}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string topic);
}
