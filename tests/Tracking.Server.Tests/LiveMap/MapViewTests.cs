using Tracking.Server.LiveMap;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>Which markers a view holds, edges included.</summary>
public sealed class MapViewTests
{
    private static UnitMarker At(double? longitude, double? latitude, string? team = "West NPT", string? station = "HQ") =>
        new("U1", MarkerKind.Unit, "Call U1", null, null, null, true, team, station, longitude, latitude, null, null, null, null);

    [Theory]
    [InlineData(-1.2, 52.6, true)]
    [InlineData(-1.1, 52.7, true)]
    [InlineData(-1.15, 52.65, true)]
    [InlineData(-1.2000001, 52.65, false)]
    [InlineData(-1.15, 52.7000001, false)]
    public void A_box_holds_the_markers_inside_it_and_on_its_edges(double longitude, double latitude, bool inside)
    {
        Assert.True(MapView.TryCreate(new MapViewRequest { Kind = "bbox", West = -1.2, South = 52.6, East = -1.1, North = 52.7 }, out var view, out _));
        Assert.Equal(inside, view.Contains(At(longitude, latitude)));
    }

    [Fact]
    public void A_box_never_holds_a_marker_without_a_position_and_the_force_view_holds_it()
    {
        Assert.False(MapView.Box(-180, -90, 180, 90).Contains(At(null, null)));
        Assert.True(MapView.Force.Contains(At(null, null)));
    }

    [Fact]
    public void Team_and_station_views_match_the_name_ignoring_case_and_never_a_device()
    {
        Assert.True(MapView.TryCreate(new MapViewRequest { Kind = "Team", Team = "west npt" }, out var team, out _));
        Assert.True(MapView.TryCreate(new MapViewRequest { Kind = "station", Station = "HQ" }, out var station, out _));

        Assert.True(team.Contains(At(0, 0)));
        Assert.True(station.Contains(At(0, 0)));
        Assert.False(team.Contains(At(0, 0, team: "East NPT")));
        Assert.False(station.Contains(At(0, 0, team: null, station: null)));
    }

    [Fact]
    public void Equal_requests_make_equal_views_so_their_clients_share_frames()
    {
        MapView.TryCreate(new MapViewRequest { Kind = "bbox", West = -1.2, South = 52.6, East = -1.1, North = 52.7, Team = "ignored" }, out var a, out _);
        MapView.TryCreate(new MapViewRequest { Kind = "BBOX", West = -1.2, South = 52.6, East = -1.1, North = 52.7 }, out var b, out _);

        Assert.Equal(a, b);
        Assert.Equal(MapView.Force, MapView.TryCreate(new MapViewRequest { Kind = "force", West = 3 }, out var force, out _) ? force : null);
    }
}
