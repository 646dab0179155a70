namespace Tracking.Server.LiveMap;

/// <summary>
/// Which views may contain a marker, found from the marker: every force view, the views of its team and of its station,
/// and the box views whose box meets its grid cell (boxes bigger than <see cref="MaxCellsPerBox"/> cells are tried for
/// every marker). So a step's cost follows the views each change is in, not the number of views: with 70 district
/// boxes a unit is tried against the few around it. Candidates only: <see cref="MapView.Contains"/> decides. Built
/// when views come or go; not thread-safe (owned by the broadcaster's loop).
/// </summary>
internal sealed class ViewIndex
{
    /// <summary>Grid cell size in degrees (about 1.1 km of latitude).</summary>
    public const double CellDegrees = 0.01;

    public const int MaxCellsPerBox = 4_096;

    private readonly List<ViewGroup> _everywhere = [];
    private readonly Dictionary<string, List<ViewGroup>> _teams = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<ViewGroup>> _stations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(int X, int Y), List<ViewGroup>> _cells = [];
    private readonly List<ViewGroup> _groups = [];
    private readonly List<ViewGroup> _candidates = [];

    // Tells a view it has already taken this marker; wraps around after 2^32 markers, harmlessly (only equality matters).
    private int _stamp;

    public void Build(IEnumerable<ViewGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _everywhere.Clear();
        _teams.Clear();
        _stations.Clear();
        _cells.Clear();
        _groups.Clear();
        _groups.AddRange(groups);
        foreach (var group in _groups)
        {
            var view = group.View;
            switch (view.Kind)
            {
                case MapViewKind.Team:
                    Add(_teams, view.Name!, group);
                    break;
                case MapViewKind.Station:
                    Add(_stations, view.Name!, group);
                    break;
                case MapViewKind.Bbox:
                    var (west, south) = Cell(view.West, view.South);
                    var (east, north) = Cell(view.East, view.North);
                    if ((long)(east - west + 1) * (north - south + 1) > MaxCellsPerBox)
                    {
                        _everywhere.Add(group);
                        break;
                    }

                    for (var x = west; x <= east; x++)
                    {
                        for (var y = south; y <= north; y++)
                        {
                            Add(_cells, (x, y), group);
                        }
                    }

                    break;
                default:
                    _everywhere.Add(group);
                    break;
            }
        }
    }

    /// <summary>
    /// Gives every view (as last built) what changed since the last step: each change is tried only against the views that may
    /// contain its new or its previous state, each marker that went away against those that may contain its last state.
    /// </summary>
    public void Distribute(IEnumerable<MarkerChange> changed, IEnumerable<PreparedMarker> gone)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(gone);
        foreach (var (previous, current) in changed)
        {
            _candidates.Clear();
            Candidates(current.Marker, _candidates);
            if (previous is not null)
            {
                Candidates(previous.Marker, _candidates);
            }

            // Worked out once for the change, not once per view.
            var onlyMoved = previous is not null && current.Marker.OnlyMovedFrom(previous.Marker);
            _stamp++;
            foreach (var group in _candidates)
            {
                group.Take(_stamp, previous, current, onlyMoved);
            }
        }

        foreach (var last in gone)
        {
            _candidates.Clear();
            Candidates(last.Marker, _candidates);
            _stamp++;
            foreach (var group in _candidates)
            {
                group.TakeGone(_stamp, last);
            }
        }
    }

    /// <summary>Adds the views that may contain <paramref name="marker"/> to <paramref name="into"/> (each once for one marker).</summary>
    public void Candidates(UnitMarker marker, List<ViewGroup> into)
    {
        ArgumentNullException.ThrowIfNull(marker);
        ArgumentNullException.ThrowIfNull(into);
        into.AddRange(_everywhere);
        if (marker.Team is { } team && _teams.TryGetValue(team, out var ofTeam))
        {
            into.AddRange(ofTeam);
        }

        if (marker.Station is { } station && _stations.TryGetValue(station, out var ofStation))
        {
            into.AddRange(ofStation);
        }

        if (marker.Longitude is { } longitude && marker.Latitude is { } latitude && _cells.TryGetValue(Cell(longitude, latitude), out var inCell))
        {
            into.AddRange(inCell);
        }
    }

    private static (int X, int Y) Cell(double longitude, double latitude) =>
        ((int)Math.Floor(longitude / CellDegrees), (int)Math.Floor(latitude / CellDegrees));

    private static void Add<TKey>(Dictionary<TKey, List<ViewGroup>> index, TKey key, ViewGroup group)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(group);
    }
}
