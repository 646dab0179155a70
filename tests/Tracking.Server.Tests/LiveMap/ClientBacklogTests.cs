using Tracking.Core.Dispatch;
using Tracking.Server.Command;
using Tracking.Server.LiveMap;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>
/// What a slow client's backlog (and a view's pending changes, the same type) keeps: the latest state of each marker,
/// in full or as a move only while every change coalesced into it was a move, incidents and alarms, and bounded dispatches.
/// </summary>
public sealed class ClientBacklogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static PreparedMarker Marker(string id, double latitude, UnitStatus status = UnitStatus.Available) =>
        new(new UnitMarker(id, MarkerKind.Unit, "Call " + id, UnitType.ResponseCar, status, null, true, "Team", "Station", -1.14, latitude, 90, 10, T0, id + "-veh"));

    private static LiveFrame Frame(
        IReadOnlyList<PreparedMarker>? units = null, IReadOnlyList<string>? removed = null, IReadOnlyList<DispatchMessage>? dispatches = null, IReadOnlyList<PreparedMarker>? moved = null) =>
        new(T0, units ?? [], moved ?? [], removed ?? [], [], [], dispatches ?? []);

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
    public void Moves_of_a_marker_stay_one_move_entry_of_its_latest_place()
    {
        var backlog = new ClientBacklog();
        var dropped = 0;
        for (var i = 0; i < 5; i++)
        {
            dropped += backlog.Add(Frame(moved: [Marker("U1", 52.60 + (i * 0.001))]));
        }

        var frame = backlog.Take(T0);

        Assert.Equal(4, dropped);
        Assert.Empty(frame.Units);
        Assert.Equal(52.604, Assert.Single(frame.Moved).Marker.Latitude!.Value, 9);
    }

    [Fact]
    public void A_move_after_a_change_in_full_is_sent_in_full_with_the_latest_place()
    {
        var backlog = new ClientBacklog();
        backlog.Add(Frame([Marker("U1", 52.60, UnitStatus.Unavailable)]));
        backlog.Add(Frame(moved: [Marker("U1", 52.61, UnitStatus.Unavailable)]));
        backlog.Add(Frame(moved: [Marker("U1", 52.62, UnitStatus.Unavailable)]));

        var frame = backlog.Take(T0);

        Assert.Empty(frame.Moved);
        var marker = Assert.Single(frame.Units).Marker;
        Assert.Equal(UnitStatus.Unavailable, marker.Status);
        Assert.Equal(52.62, marker.Latitude!.Value, 9);
    }

    [Fact]
    public void A_change_in_full_after_a_move_is_sent_in_full()
    {
        var backlog = new ClientBacklog();
        backlog.Add(Frame(moved: [Marker("U1", 52.61)]));
        backlog.Add(Frame([Marker("U1", 52.61, UnitStatus.Assigned)]));

        var frame = backlog.Take(T0);

        Assert.Empty(frame.Moved);
        Assert.Equal(UnitStatus.Assigned, Assert.Single(frame.Units).Marker.Status);
    }

    [Fact]
    public void A_marker_that_left_and_came_back_is_sent_in_full_and_not_removed_even_if_it_came_back_by_a_move()
    {
        var backlog = new ClientBacklog();
        backlog.Add(Frame(moved: [Marker("U1", 52.60), Marker("U2", 52.60)]));
        backlog.Add(Frame(removed: ["U1", "U2"]));
        backlog.Add(Frame(moved: [Marker("U1", 52.61)]));
        backlog.Add(Frame([Marker("U2", 52.61)]));

        var frame = backlog.Take(T0);

        Assert.Empty(frame.Moved);
        Assert.Empty(frame.Removed);
        Assert.Equal(["U1", "U2"], frame.Units.Select(u => u.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_marker_that_moved_and_then_left_is_only_removed()
    {
        var backlog = new ClientBacklog();
        backlog.Add(Frame(moved: [Marker("U1", 52.60)]));
        var dropped = backlog.Add(Frame(removed: ["U1"]));

        var frame = backlog.Take(T0);

        Assert.Equal(1, dropped);
        Assert.Empty(frame.Units);
        Assert.Empty(frame.Moved);
        Assert.Equal(["U1"], frame.Removed);
    }

    [Fact]
    public void Each_marker_keeps_its_own_kind_of_entry()
    {
        var backlog = new ClientBacklog();
        backlog.Add(Frame([Marker("FULL", 52.60, UnitStatus.AtScene)], moved: [Marker("MOVE", 52.60)]));
        backlog.Add(Frame(moved: [Marker("FULL", 52.61, UnitStatus.AtScene), Marker("MOVE", 52.61)]));

        var frame = backlog.Take(T0);

        Assert.Equal("FULL", Assert.Single(frame.Units).Id);
        Assert.Equal("MOVE", Assert.Single(frame.Moved).Id);
        Assert.All(frame.Units.Concat(frame.Moved), m => Assert.Equal(52.61, m.Marker.Latitude!.Value, 9));
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
