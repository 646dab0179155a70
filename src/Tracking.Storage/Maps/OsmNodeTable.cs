namespace Tracking.Storage.Maps;

/// <summary>
/// Node id → coordinate for a whole extract, as three parallel arrays sorted by id (24 bytes a
/// node, half a dictionary's cost: a county extract has millions of nodes). OSM files list nodes
/// in id order, so appends normally keep it sorted; otherwise it is sorted once before lookups.
/// Not thread-safe: filled by one reader, then only read.
/// </summary>
internal sealed class OsmNodeTable
{
    private long[] _ids = new long[1024];
    private double[] _longitudes = new double[1024];
    private double[] _latitudes = new double[1024];
    private int _count;
    private bool _sorted = true;

    public void Add(long id, double longitude, double latitude)
    {
        if (_count == _ids.Length)
        {
            var size = _ids.Length * 2;
            Array.Resize(ref _ids, size);
            Array.Resize(ref _longitudes, size);
            Array.Resize(ref _latitudes, size);
        }

        if (_count > 0 && id <= _ids[_count - 1])
        {
            _sorted = false;
        }

        _ids[_count] = id;
        _longitudes[_count] = longitude;
        _latitudes[_count] = latitude;
        _count++;
    }

    public bool TryGet(long id, out double longitude, out double latitude)
    {
        if (!_sorted)
        {
            Sort();
        }

        var at = Array.BinarySearch(_ids, 0, _count, id);
        if (at < 0)
        {
            longitude = latitude = 0;
            return false;
        }

        longitude = _longitudes[at];
        latitude = _latitudes[at];
        return true;
    }

    private void Sort()
    {
        var order = new int[_count];
        for (var i = 0; i < _count; i++)
        {
            order[i] = i;
        }

        var ids = _ids;
        Array.Sort(order, (a, b) => ids[a] != ids[b] ? ids[a].CompareTo(ids[b]) : a.CompareTo(b));

        // Of repeated ids the last listed wins, as an OSM change applied in order would have it.
        var sortedIds = new long[Math.Max(_count, 1)];
        var sortedLongitudes = new double[sortedIds.Length];
        var sortedLatitudes = new double[sortedIds.Length];
        var n = 0;
        foreach (var i in order)
        {
            if (n > 0 && sortedIds[n - 1] == _ids[i])
            {
                n--;
            }

            sortedIds[n] = _ids[i];
            sortedLongitudes[n] = _longitudes[i];
            sortedLatitudes[n] = _latitudes[i];
            n++;
        }

        _ids = sortedIds;
        _longitudes = sortedLongitudes;
        _latitudes = sortedLatitudes;
        _count = n;
        _sorted = true;
    }
}
