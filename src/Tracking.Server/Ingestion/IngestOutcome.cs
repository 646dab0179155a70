namespace Tracking.Server.Ingestion;

/// <summary>
/// What happened to one device message: whether it was a device topic the pipeline handles, and a task that
/// completes when the accepted fixes are durable (already complete when nothing was accepted).
/// </summary>
internal readonly record struct IngestOutcome(bool Handled, Task Durable)
{
    public static IngestOutcome NotDeviceTopic { get; } = new(false, Task.CompletedTask);

    public static IngestOutcome NothingToStore { get; } = new(true, Task.CompletedTask);
}
