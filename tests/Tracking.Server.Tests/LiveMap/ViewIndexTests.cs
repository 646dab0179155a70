using Tracking.Server.LiveMap;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>The index of views finds, for every change, exactly what trying every view would find.</summary>
public sealed class ViewIndexTests
{
    private static readonly string[] Teams = ["A", "B", "C"];
    private static readonly string[] Stations = ["North", "South"];

    private static PreparedMarker Marker(Random random, string id) => new(new UnitMarker(
        id, MarkerKind.Unit, id, null, null, null, true, Teams[random.Next(Teams.Length)], random.Next(5) == 0 ? null : Stations[random.Next(Stations.Length)],
        random.Next(20) == 0 ? null : -1.3 + (random.NextDouble() * 0.4), 52.5 + (random.NextDouble() * 0.3), null, null, null, null));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_view_gets_what_trying_it_against_every_change_gives(int seed)
    {
        var random = new Random(seed);
        List<MapView> views =
        [
            MapView.Force,
            new(MapViewKind.Team, 0, 0, 0, 0, "a"),
            new(MapViewKind.Station, 0, 0, 0, 0, "South"),
            MapView.Box(-1.2, 52.55, -1.1, 52.65),
            MapView.Box(-1.15, 52.6, -1.149, 52.601),
            MapView.Box(-1.2, 52.6, -1.19, 52.61),
            MapView.Box(-10, 50, 10, 60),
        ];
        for (var i = 0; i < 20; i++)
        {
            var west = -1.3 + (random.NextDouble() * 0.3);
            var south = 52.5 + (random.NextDouble() * 0.2);
            views.Add(MapView.Box(west, south, west + (random.NextDouble() * 0.1), south + (random.NextDouble() * 0.1)));
        }

        var groups = views.Select(v => new ViewGroup(v)).ToList();
        var index = new ViewIndex();
        index.Build(groups);
        // New markers, markers that changed anything, and (half of the rest) markers that only moved somewhere else.
        var changes = Enumerable.Range(0, 2_000)
            .Select(i =>
            {
                var previous = random.Next(10) == 0 ? null : Marker(random, "U" + i);
                var current = previous is not null && random.Next(2) == 0
                    ? new PreparedMarker(previous.Marker with { Longitude = -1.3 + (random.NextDouble() * 0.4), Latitude = 52.5 + (random.NextDouble() * 0.3) })
                    : Marker(random, "U" + i);
                return new MarkerChange(previous, current);
            })
            .ToList();
        var gone = Enumerable.Range(0, 200).Select(i => Marker(random, "G" + i)).ToList();

        index.Distribute(changes, gone);

        foreach (var group in groups)
        {
            var view = group.View;
            // A move for the view: it showed the previous state, shows the current one, and only the place changed.
            bool IsMove(MarkerChange c) => c.Previous is { } p && view.Contains(p.Marker) && c.Current.Marker.OnlyMovedFrom(p.Marker);
            var units = changes.Where(c => view.Contains(c.Current.Marker) && !IsMove(c)).Select(c => c.Current.Id);
            var moved = changes.Where(c => view.Contains(c.Current.Marker) && IsMove(c)).Select(c => c.Current.Id);
            var removed = changes.Where(c => !view.Contains(c.Current.Marker) && c.Previous is { } p && view.Contains(p.Marker)).Select(c => c.Current.Id)
                .Concat(gone.Where(g => view.Contains(g.Marker)).Select(g => g.Id));
            var frame = group.Pending.Take(DateTimeOffset.UnixEpoch);
            Assert.Equal(units.Order(StringComparer.Ordinal), frame.Units.Select(u => u.Id).Order(StringComparer.Ordinal));
            Assert.Equal(moved.Order(StringComparer.Ordinal), frame.Moved.Select(u => u.Id).Order(StringComparer.Ordinal));
            Assert.Equal(removed.Order(StringComparer.Ordinal), frame.Removed.Order(StringComparer.Ordinal));
        }
    }
}
