using Microsoft.AspNetCore.SignalR;
using Tracking.Core.Dispatch;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

internal sealed partial class LiveMapBroadcaster
{
    private readonly ViewIndex _viewIndex = new();
    private bool _viewsChanged;

    /// <summary>Puts the client in its view's group and sends it the snapshot; returns the send.</summary>
    private Task<Task> JoinOnLoopAsync(string connectionId, MapView view)
    {
        // The snapshot shows everything as of now. What the views already hold for their next frame goes to this client
        // too if it joins one of them: a repeat of what its snapshot shows, harmless. That includes move entries: each
        // is of a marker in the view, whose current state (the one the move carries) the snapshot shows in full. And
        // because the changes are taken first, every move taken after this is a move from the snapshot's state.
        Absorb(lookAtDevices: true);

        if (_clients.TryGetValue(connectionId, out var client))
        {
            Detach(client);
            client.Backlog.Clear();
        }
        else
        {
            client = new LiveClient(connectionId);
            _clients.Add(connectionId, client);
        }

        if (!_groups.TryGetValue(view, out var group))
        {
            group = new ViewGroup(view) { DueAt = _phases.FirstDue(_time.GetUtcNow()) };
            _groups.Add(view, group);
            _viewsChanged = true;
        }

        group.Clients.Add(client);
        client.Group = group;
        UpdateGauges();

        var units = new List<PreparedMarker>();
        foreach (var marker in _markers.Values)
        {
            if (view.Contains(marker.Marker))
            {
                units.Add(marker);
            }
        }

        units.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var snapshot = new LiveSnapshot(
            _time.GetUtcNow(),
            units,
            [.. _incidents.Values.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal)],
            [.. _alarms.Values.OrderBy(a => a.RaisedAt).ThenBy(a => a.Id)]);
        LogJoined(_logger, connectionId, view, units.Count);
        _counters.SnapshotSent();
        return Task.FromResult(Send(client, SnapshotMethod, new PreparedPayload(snapshot, _counters), snapshot.Time));
    }

    private void Leave(string connectionId)
    {
        if (_clients.Remove(connectionId, out var client))
        {
            Detach(client);
            UpdateGauges();
            LogLeft(_logger, connectionId);
        }
    }

    private void Detach(LiveClient client)
    {
        if (client.Group is { } group)
        {
            group.Clients.Remove(client);
            if (group.Clients.Count == 0)
            {
                _groups.Remove(group.View);
                _viewsChanged = true;
            }

            client.Group = null;
        }
    }

    /// <summary>Gives each view the changes it contains (or contained), and every incident, alarm and dispatch.</summary>
    private void Distribute()
    {
        if (_viewsChanged)
        {
            _viewIndex.Build(_groups.Values);
            _viewsChanged = false;
        }

        _viewIndex.Distribute(_changedMarkers.Values, _goneMarkers.Values);
        if (_changedIncidents.Count == 0 && _changedAlarms.Count == 0 && _dispatches.Count == 0)
        {
            return;
        }

        foreach (var group in _groups.Values)
        {
            foreach (var incident in _changedIncidents.Values)
            {
                group.Pending.AddIncident(incident);
            }

            foreach (var alarm in _changedAlarms.Values)
            {
                group.Pending.AddAlarm(alarm);
            }

            foreach (var dispatch in _dispatches)
            {
                _counters.Dropped(group.Pending.AddDispatch(dispatch));
            }
        }
    }

    /// <summary>
    /// Sends a due view's clients what it has pending; a client that got nothing for a heartbeat interval gets an empty
    /// frame.
    /// </summary>
    private void Deliver(ViewGroup group, DateTimeOffset now)
    {
        var frame = group.Pending.IsEmpty ? null : group.Pending.Take(now);
        PreparedPayload? payload = null;
        foreach (var client in group.Clients)
        {
            if (client.Busy)
            {
                if (frame is not null)
                {
                    _counters.Dropped(client.Backlog.Add(frame));
                    _counters.FrameDeferred();
                }

                continue;
            }

            if (!client.Backlog.IsEmpty)
            {
                // Caught up with its last send: what it missed and what is new, as one frame of its own.
                if (frame is not null)
                {
                    _counters.Dropped(client.Backlog.Add(frame));
                }

                Send(client, FrameMethod, new PreparedPayload(client.Backlog.Take(now), _counters), now);
                _counters.FrameSent();
                continue;
            }

            if (frame is not null)
            {
                payload ??= new PreparedPayload(frame, _counters);
                Send(client, FrameMethod, payload, now);
                _counters.FrameSent();
            }
            else if (now - client.LastSentAt >= _options.HeartbeatInterval)
            {
                Send(client, FrameMethod, new PreparedPayload(LiveFrame.Heartbeat(now), _counters), now);
                _counters.HeartbeatSent();
            }
        }
    }

    /// <summary>
    /// Hands a payload to SignalR on the thread pool: writing it into the connection copies its bytes, which for a
    /// hundred clients is better spread over the cores than done one after another on the loop. Each send starts after
    /// the client's previous one, so its snapshots and frames arrive in order: a frame is never handed over while the
    /// client is still receiving (see <see cref="LiveClient.Busy"/>), but a snapshot is, when the client joins another
    /// view, and a frame of its old view must not arrive after it (its markers are not the new view's, and its move
    /// entries are on top of states the new snapshot does not show).
    /// </summary>
    private Task Send(LiveClient client, string method, PreparedPayload payload, DateTimeOffset now)
    {
        client.LastSentAt = now;
        var proxy = _hub.Clients.Client(client.ConnectionId);
        var connectionId = client.ConnectionId;
        var previous = client.Sending;
        var sending = Task.Run(async () =>
        {
            // It never fails: a failed send is counted where it is awaited (ObserveAsync).
            await previous;
            await ObserveAsync(connectionId, () => proxy.SendAsync(method, payload, CancellationToken.None));
        });
        client.Sending = sending;
        return sending;
    }

    /// <summary>Waits for a send; a failure is the connection going away, counted and left to the hub's disconnect.</summary>
    private async Task ObserveAsync(string connectionId, Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _counters.SendFailed();
            LogSendFailed(_logger, exception, connectionId);
        }
    }

    private void UpdateGauges()
    {
        Volatile.Write(ref _clientCount, _clients.Count);
        Volatile.Write(ref _viewCount, _groups.Count);
        Volatile.Write(ref _markerCount, _markers.Count);
    }

    [LoggerMessage(EventId = 1803, Level = LogLevel.Debug, Message = "Live map client {Connection} joined view {View}: snapshot of {Markers} markers")]
    private static partial void LogJoined(ILogger logger, string connection, MapView view, int markers);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Debug, Message = "Live map client {Connection} left")]
    private static partial void LogLeft(ILogger logger, string connection);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Debug, Message = "A live map send to {Connection} failed; the connection is going")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string connection);
}
