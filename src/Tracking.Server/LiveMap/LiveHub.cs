using Microsoft.AspNetCore.SignalR;

namespace Tracking.Server.LiveMap;

/// <summary>
/// The live map's SignalR hub at <see cref="Path"/> (JSON and MessagePack). A client calls <c>JoinView(view)</c>
/// and receives <c>snapshot</c>, then <c>frame</c>s of what changed (see <see cref="LiveSnapshot"/>,
/// <see cref="LiveFrame"/>). Thin on purpose: it validates and hands over to <see cref="LiveMapBroadcaster"/>, which
/// owns every buffer. Thread-safety: SignalR makes one instance per call; it holds no state. Only the live map's roles
/// may connect: <see cref="LiveMapModule.MapLiveMap"/> maps it with the LiveOperations policy.
/// </summary>
internal sealed class LiveHub(LiveMapBroadcaster broadcaster) : Hub
{
    public const string Path = "/hubs/live";

    /// <summary>
    /// Shows the caller <paramref name="view"/> from now on, replacing any view it had, and sends it a fresh snapshot
    /// before this call returns. An invalid view is refused with a <see cref="HubException"/> naming the problem.
    /// </summary>
    public async Task JoinView(MapViewRequest? view)
    {
        if (!MapView.TryCreate(view, out var map, out var problem))
        {
            throw new HubException(problem);
        }

        await broadcaster.JoinAsync(Context.ConnectionId, map, Context.ConnectionAborted);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await broadcaster.LeaveAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}
