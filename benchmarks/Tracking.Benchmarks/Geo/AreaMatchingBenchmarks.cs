using System.Globalization;
using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using Npgsql;
using Tracking.Core.Geo.Matching;
using Tracking.Testing;

namespace Tracking.Benchmarks.Geo;

/// <summary>
/// Matching a fix, already in projected metres, to its beat and every priority location it is in, among 200 beats
/// and 1,800 locations of 100 vertices (<see cref="AreaMatchingData"/>); one operation = one fix, each invocation
/// matches all 100,000 fixes:
/// <list type="bullet">
/// <item>ours: <see cref="AreaIndex.LocateBeatAndLocations"/> (goal: ≥ 1,000,000 fixes/s on one core, nothing allocated);</item>
/// <item>NetTopologySuite used plainly (baseline): an STRtree of the areas' envelopes, then
/// <c>PreparedGeometry.Covers</c> on each candidate;</item>
/// <item>PostGIS: one prepared <c>SELECT id FROM areas WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 27700))</c>
/// per fix over a GiST index, on loopback (goal: ours ≥ 50× faster).</item>
/// </list>
/// Each setup checks that its contender gives the same areas as ours on the first fixes, so the figures compare equal work.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes them in [GlobalCleanup].")]
public class AreaMatchingBenchmarks
{
    private const int Checked = 2_000;

    private readonly List<int> _locations = new(16);
    private readonly GeometryFactory _factory = new(new PrecisionModel(), 27700);
    private AreaMatchingData _data = null!;
    private AreaIndex _index = null!;

    private STRtree<int> _tree = null!;
    private IPreparedGeometry[] _prepared = [];
    private bool[] _isBeat = [];

    private TestDatabase? _database;
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _query;

    [GlobalSetup(Target = nameof(Tracking_area_index))]
    public void SetupIndex()
    {
        _data = AreaMatchingData.Create();
        var started = System.Diagnostics.Stopwatch.StartNew();
        _index = AreaIndex.Build(_data.Areas);
        var (grids, cells, slots) = _index.Size;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Area index: built in {started.Elapsed.TotalMilliseconds:F0} ms, {grids} grids, {cells} cells, {slots} slots (entries and edge copies), ~{_index.ApproximateBytes / 1e6:F1} MB"));
    }

    [GlobalSetup(Target = nameof(Nts_strtree_prepared_covers))]
    public void SetupNts()
    {
        SetupIndex();
        (_tree, _prepared, _isBeat) = BuildNts(_data.Areas);
        for (var i = 0; i < Checked; i++)
        {
            var expected = Ours(i);
            var theirs = NtsMatch(_data.X[i], _data.Y[i]);
            if (!theirs.SetEquals(expected))
            {
                throw new InvalidOperationException($"NetTopologySuite and the index disagree at fix {i}: {string.Join(',', theirs)} vs {string.Join(',', expected)}");
            }
        }
    }

    [GlobalSetup(Target = nameof(PostGis_st_covers_per_fix))]
    public void SetupPostgis()
    {
        SetupIndex();
        _database = TestDatabase.CreateAsync(BenchmarkPostgres.ClusterConnectionString()).GetAwaiter().GetResult();
        _connection = new NpgsqlConnection(_database.ConnectionString);
        _connection.Open();
        Execute("CREATE EXTENSION IF NOT EXISTS postgis");
        Execute("CREATE TABLE areas (id int PRIMARY KEY, geom geometry(Geometry, 27700) NOT NULL)");
        using (var writer = _connection.BeginTextImport("COPY areas (id, geom) FROM STDIN"))
        {
            for (var i = 0; i < _data.Areas.Count; i++)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{i}\tSRID=27700;{_data.Areas[i].Metres.AsText()}\n"));
            }
        }

        Execute("CREATE INDEX areas_geom ON areas USING gist (geom)");
        Execute("ANALYZE areas");

        _query = new NpgsqlCommand("SELECT id FROM areas WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint($1, $2), 27700))", _connection)
        {
            Parameters = { new() { Value = 0.0 }, new() { Value = 0.0 } },
        };
        _query.Prepare();
        using (var explain = new NpgsqlCommand(
            string.Create(CultureInfo.InvariantCulture, $"EXPLAIN SELECT id FROM areas WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint({_data.X[0]}, {_data.Y[0]}), 27700))"),
            _connection))
        using (var reader = explain.ExecuteReader())
        {
            while (reader.Read())
            {
                Console.WriteLine("// PostGIS plan: " + reader.GetString(0));
            }
        }

        for (var i = 0; i < Checked; i++)
        {
            var expected = Ours(i);
            var theirs = PostgisMatch(_data.X[i], _data.Y[i]);
            if (!theirs.SetEquals(expected))
            {
                throw new InvalidOperationException($"PostGIS and the index disagree at fix {i}: {string.Join(',', theirs)} vs {string.Join(',', expected)}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _query?.Dispose();
        _connection?.Dispose();
        _database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = AreaMatchingData.Fixes)]
    public int Tracking_area_index()
    {
        var x = _data.X;
        var y = _data.Y;
        var matched = 0;
        for (var i = 0; i < x.Length; i++)
        {
            matched += _index.LocateBeatAndLocations(x[i], y[i], _locations) + _locations.Count;
        }

        return matched;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = AreaMatchingData.Fixes)]
    public int Nts_strtree_prepared_covers()
    {
        var x = _data.X;
        var y = _data.Y;
        var matched = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var point = _factory.CreatePoint(new Coordinate(x[i], y[i]));
            var beat = -1;
            _locations.Clear();
            foreach (var candidate in _tree.Query(point.EnvelopeInternal))
            {
                if ((!_isBeat[candidate] || beat < 0) && _prepared[candidate].Covers(point))
                {
                    if (_isBeat[candidate])
                    {
                        beat = candidate;
                    }
                    else
                    {
                        _locations.Add(candidate);
                    }
                }
            }

            matched += beat + _locations.Count;
        }

        return matched;
    }

    [Benchmark(OperationsPerInvoke = AreaMatchingData.Fixes)]
    public int PostGis_st_covers_per_fix()
    {
        var x = _data.X;
        var y = _data.Y;
        var query = _query!;
        var matched = 0;
        for (var i = 0; i < x.Length; i++)
        {
            query.Parameters[0].Value = x[i];
            query.Parameters[1].Value = y[i];
            using var reader = query.ExecuteReader();
            while (reader.Read())
            {
                matched += reader.GetInt32(0);
            }
        }

        return matched;
    }

    private static (STRtree<int> Tree, IPreparedGeometry[] Prepared, bool[] IsBeat) BuildNts(List<IndexedArea> areas)
    {
        var tree = new STRtree<int>();
        var prepared = new IPreparedGeometry[areas.Count];
        var isBeat = new bool[areas.Count];
        for (var i = 0; i < areas.Count; i++)
        {
            tree.Insert(areas[i].Metres.EnvelopeInternal, i);
            prepared[i] = PreparedGeometryFactory.Prepare(areas[i].Metres);
            isBeat[i] = areas[i].Kind == AreaKind.Beat;
        }

        tree.Build();
        return (tree, prepared, isBeat);
    }

    private HashSet<int> Ours(int fix)
    {
        var beat = _index.LocateBeatAndLocations(_data.X[fix], _data.Y[fix], _locations);
        var found = new HashSet<int>(_locations);
        if (beat >= 0)
        {
            found.Add(beat);
        }

        return found;
    }

    private HashSet<int> NtsMatch(double x, double y)
    {
        var point = _factory.CreatePoint(new Coordinate(x, y));
        return [.. _tree.Query(point.EnvelopeInternal).Where(c => _prepared[c].Covers(point))];
    }

    private HashSet<int> PostgisMatch(double x, double y)
    {
        _query!.Parameters[0].Value = x;
        _query.Parameters[1].Value = y;
        var found = new HashSet<int>();
        using var reader = _query.ExecuteReader();
        while (reader.Read())
        {
            found.Add(reader.GetInt32(0));
        }

        return found;
    }

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection);
        command.ExecuteNonQuery();
    }
}
