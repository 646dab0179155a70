namespace Tracking.Server.LiveMap;

/// <summary>
/// The clients that share one view, when their next frame is due, and what it will tell them: markers that changed in
/// the view or came into it, ids of markers that left it, and the incidents, alarms and dispatches since their last
/// frame, coalesced. A view showed a marker exactly when it contains the marker's previous state (every view is told
/// every change of what it contains), so nothing per view is remembered about what it showed; a marker that came and
/// went between two frames is sent as removed, which a client that never had it ignores. Likewise a change is a move
/// for the view (<see cref="LiveFrame.Moved"/>) exactly when the view contained the previous state and nothing but the
/// place changed: its clients then hold the previous state in full. A client that joins takes its snapshot right after
/// the changes so far are taken, so a move taken after that is on top of the snapshot's state, and one still pending
/// from before is the very state the snapshot shows. Not thread-safe: owned by the broadcaster's loop.
/// </summary>
internal sealed class ViewGroup(MapView view)
{
    private int _stamp;

    public MapView View { get; } = view;

    public List<LiveClient> Clients { get; } = [];

    /// <summary>What the next frame tells the view's clients.</summary>
    public ClientBacklog Pending { get; } = new();

    /// <summary>
    /// When the view's clients may next get a frame: an interval after their last. Views made at different times are
    /// due at different times, so the frames (and the clients' work to read them) spread over the interval instead of
    /// all leaving at once.
    /// </summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>
    /// Takes one marker's change (once per marker and reading: <paramref name="stamp"/> tells a repeat);
    /// <paramref name="onlyMoved"/>: nothing but its place changed since <paramref name="previous"/>.
    /// </summary>
    public void Take(int stamp, PreparedMarker? previous, PreparedMarker current, bool onlyMoved)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (_stamp == stamp)
        {
            return;
        }

        _stamp = stamp;
        if (View.Contains(current.Marker))
        {
            if (onlyMoved && previous is not null && View.Contains(previous.Marker))
            {
                Pending.AddMove(current);
            }
            else
            {
                Pending.AddUnit(current);
            }
        }
        else if (previous is not null && View.Contains(previous.Marker))
        {
            Pending.AddRemoved(current.Id);
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
            Pending.AddRemoved(last.Id);
        }
    }
}
