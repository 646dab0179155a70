using Tracking.Core.Dispatch;
using Tracking.Server.LiveMap;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>
/// Which changes a view sends as move entries and which in full: a move only for a marker the view showed whose place
/// alone changed, through the index of views as the broadcaster gives them changes.
/// </summary>
public sealed class ViewGroupTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static readonly UnitMarker Unit = new(
        "U1", MarkerKind.Unit, "Call U1", UnitType.ResponseCar, UnitStatus.Available, null, true, "Team", "Station", -1.14, 52.60, 90, 10, T0, "U1-veh");

    private static UnitMarker Moved(UnitMarker marker, double latitude) =>
        marker with { Latitude = latitude, Heading = 180, Speed = 12.5, Time = marker.Time!.Value.AddSeconds(1) };

    /// <summary>The force, the unit's team and a box around 52.60 (up to 52.605), each given the changes in turn; their frames.</summary>
    private static (LiveFrame Force, LiveFrame Team, LiveFrame Box) Frames(params MarkerChange[][] steps)
    {
        var force = new ViewGroup(MapView.Force);
        var team = new ViewGroup(new MapView(MapViewKind.Team, 0, 0, 0, 0, "Team"));
        var box = new ViewGroup(MapView.Box(-1.15, 52.595, -1.13, 52.605));
        var index = new ViewIndex();
        index.Build([force, team, box]);
        foreach (var step in steps)
        {
            index.Distribute(step, []);
        }

        return (force.Pending.Take(T0), team.Pending.Take(T0), box.Pending.Take(T0));
    }

    private static MarkerChange Change(UnitMarker? previous, UnitMarker current) => new(previous is null ? null : new PreparedMarker(previous), new PreparedMarker(current));

    [Fact]
    public void A_marker_that_only_moved_is_a_move_in_every_view_that_showed_it()
    {
        var frames = Frames([Change(Unit, Moved(Unit, 52.601))]);

        foreach (var frame in new[] { frames.Force, frames.Team, frames.Box })
        {
            Assert.Empty(frame.Units);
            var move = Assert.Single(frame.Moved).Marker;
            Assert.Equal(52.601, move.Latitude!.Value, 9);
            Assert.Equal(180, move.Heading);
        }
    }

    [Fact]
    public void A_status_change_is_sent_in_full()
    {
        var frames = Frames([Change(Unit, Unit with { Status = UnitStatus.Unavailable })]);

        Assert.Equal(UnitStatus.Unavailable, Assert.Single(frames.Force.Units).Marker.Status);
        Assert.Empty(frames.Force.Moved);
    }

    [Fact]
    public void A_move_and_a_status_change_between_two_frames_are_one_marker_in_full()
    {
        var moved = Moved(Unit, 52.601);
        var frames = Frames([Change(Unit, moved)], [Change(moved, moved with { Status = UnitStatus.Assigned, Incident = "INC-1" })]);

        var marker = Assert.Single(frames.Team.Units).Marker;
        Assert.Empty(frames.Team.Moved);
        Assert.Equal(UnitStatus.Assigned, marker.Status);
        Assert.Equal(52.601, marker.Latitude!.Value, 9);
    }

    [Fact]
    public void A_marker_coming_into_a_box_is_sent_in_full_there_and_as_a_move_where_it_was_shown()
    {
        var outside = Unit with { Latitude = 52.62 };
        var frames = Frames([Change(outside, Moved(outside, 52.601))]);

        Assert.Equal("U1", Assert.Single(frames.Box.Units).Id);
        Assert.Empty(frames.Box.Moved);
        Assert.Equal("U1", Assert.Single(frames.Force.Moved).Id);
    }

    [Fact]
    public void A_marker_that_left_a_box_and_came_back_between_two_frames_is_sent_there_in_full()
    {
        var left = Moved(Unit, 52.62);
        var frames = Frames([Change(Unit, left)], [Change(left, Moved(left, 52.601))]);

        Assert.Equal("U1", Assert.Single(frames.Box.Units).Id);
        Assert.Empty(frames.Box.Moved);
        Assert.Empty(frames.Box.Removed);
        Assert.Equal("U1", Assert.Single(frames.Force.Moved).Id);
    }

    [Fact]
    public void A_new_marker_is_sent_in_full()
    {
        var frames = Frames([Change(null, Unit)]);

        Assert.Equal("U1", Assert.Single(frames.Force.Units).Id);
        Assert.Empty(frames.Force.Moved);
    }

    public static TheoryData<string> Details() =>
        ["kind", "callSign", "type", "status", "incident", "onDuty", "team", "station", "device"];

    [Theory]
    [MemberData(nameof(Details))]
    public void A_change_of_anything_but_the_place_is_not_a_move(string field)
    {
        var changed = field switch
        {
            "kind" => Unit with { Kind = MarkerKind.Device },
            "callSign" => Unit with { CallSign = "Call U1b" },
            "type" => Unit with { Type = UnitType.Van },
            "status" => Unit with { Status = UnitStatus.AtScene },
            "incident" => Unit with { Incident = "INC-2" },
            "onDuty" => Unit with { OnDuty = false },
            "team" => Unit with { Team = "Other team" },
            "station" => Unit with { Station = "Other station" },
            "device" => Unit with { Device = "U1-ra" },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.False(Moved(changed, 52.601).OnlyMovedFrom(Unit));
        Assert.True(Moved(Unit, 52.601).OnlyMovedFrom(Unit));
    }
}
