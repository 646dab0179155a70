using System.Threading.Channels;

namespace Tracking.Server.Command;

/// <summary>
/// What the control room tells every live map: units changed (moved, changed status or duty; coalesced, see
/// <see cref="UnitChanges"/>), an incident changed, a unit was dispatched, an alarm was raised or cleared. Each subscriber has its own
/// bounded queue; a subscriber that does not keep up loses its oldest events (counted), never
/// anyone else's, and never holds the control room up.
/// </summary>
internal sealed class ControlRoomEvents
{
    public const int SubscriberCapacity = 10_000;

    private readonly Lock _gate = new();
    private List<Channel<ControlRoomEvent>> _subscribers = [];
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>A new subscription; complete it (<see cref="Unsubscribe"/>) when done.</summary>
    public ChannelReader<ControlRoomEvent> Subscribe()
    {
        var channel = Channel.CreateBounded<ControlRoomEvent>(new BoundedChannelOptions(SubscriberCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        lock (_gate)
        {
            _subscribers = [.. _subscribers, channel];
        }

        return channel.Reader;
    }

    public void Unsubscribe(ChannelReader<ControlRoomEvent> reader)
    {
        lock (_gate)
        {
            var channel = _subscribers.FirstOrDefault(c => ReferenceEquals(c.Reader, reader));
            if (channel is not null)
            {
                _subscribers = [.. _subscribers.Where(c => !ReferenceEquals(c, channel))];
                channel.Writer.TryComplete();
            }
        }
    }

    public void Publish(ControlRoomEvent e)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Writer.TryWrite(e);
        }
    }
}
