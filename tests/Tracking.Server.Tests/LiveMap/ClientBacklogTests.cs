using Tracking.Core.Dispatch;
using Tracking.Server.Command;
using Tracking.Server.LiveMap;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>What a slow client's backlog keeps: the latest state of each marker, incident and alarm, and bounded dispatches.</summary>
public sealed class ClientBacklogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static PreparedMarker Marker(string id, double latitude) =>
        new(new UnitMarker(id, MarkerKind.Unit, "Call " + id, UnitType.ResponseCar, UnitStatus.Available, null, true, "Team", "Station", -1.14, latitude, null, null, T0, id + "-veh"));

    private static LiveFrame Frame(IReadOnlyList<PreparedMarker>? units = null, IReadOnlyList<string>? removed = null, IReadOnlyList<DispatchMessage>? dispatches = null) =>
        new(T0, units ?? [], removed ?? [], [], [], dispatches ?? []);

    private static DispatchMessage Dispatch(int n) => new("INC-" + n, 1, "Burglary", GeoPoint.Of(-1.14, 52.63), "U1", "Call U1", T0.AddSeconds(n));

    [Fact]
    public void Many_states_of_one_marker_leave_the_latest_and_count_the_others_as_dropped()
    {
        var backlog = new ClientBacklog();
        var dropped = 0;
        for (var i = 0; i < 10; i++)
        {
            dropped += backlog.Add(Frame([Marker("U1", 52.60 + (i * 0.001)), Marker("U" + (i + 2), 52.7)]));
        }

        var frame = backlog.Take(T0.AddSeconds(1));

        Assert.Equal(9, dropped);
        Assert.Equal(52.609, Assert.Single(frame.Units, u => u.Id == "U1").Marker.Latitude!.Value, 9);
        Assert.Equal(11, frame.Units.Count);
        Assert.True(backlog.IsEmpty);
    }

    [Fact]
    public void A_marker_that_left_the_view_after_moving_is_only_removed_and_one_that_came_back_is_only_shown()
    {
        var backlog = new ClientBacklog();
        backlog.Add(Frame([Marker("GONE", 52.6), Marker("BACK", 52.6)]));
        backlog.Add(Frame(removed: ["GONE", "BACK"]));
        backlog.Add(Frame([Marker("BACK", 52.61)]));

        var frame = backlog.Take(T0);

        Assert.Equal(["GONE"], frame.Removed);
        Assert.Equal(52.61, Assert.Single(frame.Units).Marker.Latitude!.Value, 9);
    }

    [Fact]
    public void Dispatches_are_kept_in_order_up_to_the_bound_and_the_oldest_dropped_first()
    {
        var backlog = new ClientBacklog();
        var dropped = 0;
        for (var i = 0; i < ClientBacklog.DispatchCapacity + 5; i++)
        {
            dropped += backlog.Add(Frame(dispatches: [Dispatch(i)]));
        }

        var frame = backlog.Take(T0);

        Assert.Equal(5, dropped);
        Assert.Equal(ClientBacklog.DispatchCapacity, frame.Dispatches.Count);
        Assert.Equal("INC-5", frame.Dispatches[0].Incident);
        Assert.Equal("INC-" + (ClientBacklog.DispatchCapacity + 4), frame.Dispatches[^1].Incident);
    }
}
