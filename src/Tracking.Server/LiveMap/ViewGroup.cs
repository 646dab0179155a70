namespace Tracking.Server.LiveMap;

/// <summary>
/// The clients that share one view, and what the current tick tells them: markers now in the view, and ids of markers
/// that left it. A view showed a marker exactly when it contains the marker's previous state (every view is told every
/// change of what it contains), so nothing per view is remembered between ticks. Not thread-safe: owned by the
/// broadcaster's loop.
/// </summary>
internal sealed class ViewGroup(MapView view)
{
    private int _stamp;

    public MapView View { get; } = view;

    public List<LiveClient> Clients { get; } = [];

    /// <summary>This tick: markers that changed or came into the view.</summary>
    public List<PreparedMarker> Units { get; } = [];

    /// <summary>This tick: ids of markers that left the view.</summary>
    public List<string> Removed { get; } = [];

    public void BeginTick()
    {
        Units.Clear();
        Removed.Clear();
    }

    /// <summary>Takes one marker's change (once per marker and tick: <paramref name="stamp"/> tells a repeat).</summary>
    public void Take(int stamp, PreparedMarker? previous, PreparedMarker current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (_stamp == stamp)
        {
            return;
        }

        _stamp = stamp;
        if (View.Contains(current.Marker))
        {
            Units.Add(current);
        }
        else if (previous is not null && View.Contains(previous.Marker))
        {
            Removed.Add(current.Id);
        }
    }

    /// <summary>Takes a marker that went away (its last state).</summary>
    public void TakeGone(int stamp, PreparedMarker last)
    {
        ArgumentNullException.ThrowIfNull(last);
        if (_stamp == stamp)
        {
            return;
        }

        _stamp = stamp;
        if (View.Contains(last.Marker))
        {
            Removed.Add(last.Id);
        }
    }
}
