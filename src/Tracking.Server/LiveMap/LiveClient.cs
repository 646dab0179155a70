namespace Tracking.Server.LiveMap;

/// <summary>
/// One hub connection that joined a view: its group, whether a send to it is still in progress, and what it
/// missed meanwhile. Not thread-safe: owned by the broadcaster's loop.
/// </summary>
internal sealed class LiveClient(string connectionId)
{
    public string ConnectionId { get; } = connectionId;

    public ViewGroup? Group { get; set; }

    public ClientBacklog Backlog { get; } = new();

    /// <summary>The last snapshot or frame handed to SignalR; completes once it is written to the connection.</summary>
    public Task Sending { get; set; } = Task.CompletedTask;

    /// <summary>When it was last handed a snapshot or frame (a heartbeat is due when that was long ago).</summary>
    public DateTimeOffset LastSentAt { get; set; }

    /// <summary>Still writing the previous frame: a slow client, or a big frame.</summary>
    public bool Busy => !Sending.IsCompleted;
}
