using System.Globalization;
using BenchmarkDotNet.Attributes;
using Npgsql;
using StackExchange.Redis;
using Tracking.Core.Dispatch;
using Tracking.Testing;

namespace Tracking.Benchmarks.Dispatch;

/// <summary>
/// Nearest 5 available units among 10,000 moving ones (about 80% available), straight line. One
/// operation = one unit moves, then one query, so every contender keeps up with a live fleet:
/// <list type="bullet">
/// <item>ours: <see cref="UnitPositionIndex"/> in process, availability kept in the index (goal: median ≤ 2 µs);</item>
/// <item>PostGIS: <c>UPDATE</c> of the moved row, then <c>SELECT id FROM units WHERE status = 'available'
/// ORDER BY geom &lt;-&gt; $point LIMIT 5</c> over a GiST index, both prepared and sent as one batch (one round trip);</item>
/// <item>Redis: <c>GEOADD</c> (fire and forget, pipelined) then <c>GEOSEARCH key FROMLONLAT lon lat BYRADIUS 2000 m ASC
/// COUNT 5</c> on a key holding only the available units (one round trip).</item>
/// </list>
/// Goal: ours ≥ 100× faster than both. The baselines get their best case: one round trip per
/// operation, loopback, no fsync per update (<c>synchronous_commit = off</c> for the session, as a
/// live-position table would be run).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes them in [GlobalCleanup].")]
public class NearestUnitBenchmarks
{
    private const int Units = 10_000;
    private const int K = 5;
    private const int Mask = MovingFleet.OperationCount - 1;
    private const double RedisRadiusMetres = 2_000;
    private static readonly RedisKey AvailableKey = "units:available";

    private readonly NearestUnit[] _results = new NearestUnit[K];
    private readonly DateTimeOffset _start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private MovingFleet _fleet = null!;
    private int _op;

    private UnitPositionIndex _index = null!;

    private TestDatabase? _database;
    private NpgsqlConnection? _connection;
    private NpgsqlBatch? _batch;

    private RedisInstance? _redis;
    private ConnectionMultiplexer? _multiplexer;
    private IDatabase _redisDb = null!;
    private RedisValue[] _members = [];
    private GeoSearchCircle _circle = null!;

    [GlobalSetup(Target = nameof(Tracking_index))]
    public void SetupIndex()
    {
        _fleet = new MovingFleet(Units);
        (_index, _) = BuildIndex(_fleet, UnitPositionIndex.DefaultCellSize);
    }

    [GlobalSetup(Target = nameof(PostGis_knn))]
    public void SetupPostgis()
    {
        _fleet = new MovingFleet(Units);
        _database = TestDatabase.CreateAsync(BenchmarkPostgres.ClusterConnectionString()).GetAwaiter().GetResult();
        _connection = new NpgsqlConnection(_database.ConnectionString);
        _connection.Open();
        Execute("CREATE EXTENSION IF NOT EXISTS postgis");
        Execute("SET synchronous_commit = off");

        // Geometry in the same projected metres as our index (SRID 0), so the answers must agree exactly.
        Execute("CREATE TABLE units (id text PRIMARY KEY, status text NOT NULL, geom geometry(Point) NOT NULL)");
        using (var writer = _connection.BeginBinaryImport("COPY units (id, status, geom) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < Units; i++)
            {
                writer.StartRow();
                writer.Write(_fleet.Ids[i]);
                writer.Write(_fleet.Available[i] ? "available" : "assigned");
                writer.Write(Wkb(_fleet.X[i], _fleet.Y[i]), NpgsqlTypes.NpgsqlDbType.Bytea);
            }

            writer.Complete();
        }

        Execute("CREATE INDEX units_geom ON units USING gist (geom)");
        Execute("ANALYZE units");

        _batch = new NpgsqlBatch(_connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("UPDATE units SET geom = ST_MakePoint($1, $2) WHERE id = $3")
                {
                    Parameters = { new() { Value = 0.0 }, new() { Value = 0.0 }, new() { Value = "" } },
                },
                new NpgsqlBatchCommand("SELECT id FROM units WHERE status = 'available' ORDER BY geom <-> ST_MakePoint($1, $2) LIMIT 5")
                {
                    Parameters = { new() { Value = 0.0 }, new() { Value = 0.0 } },
                },
            },
        };
        _batch.Prepare();
        Console.WriteLine("// PostGIS plan: " + Plan());

        // The same answers as ours on the first queries (before any move), or the comparison means nothing.
        var (index, _) = BuildIndex(_fleet, UnitPositionIndex.DefaultCellSize);
        for (var q = 0; q < 200; q++)
        {
            var op = _fleet.Moves[q];
            var found = index.NearestAvailable(op.QueryX, op.QueryY, K, null, _results);
            var ours = _results[..found].Select(r => r.Unit.UnitId);
            using var command = new NpgsqlCommand("SELECT id FROM units WHERE status = 'available' ORDER BY geom <-> ST_MakePoint($1, $2) LIMIT 5", _connection)
            {
                Parameters = { new() { Value = op.QueryX }, new() { Value = op.QueryY } },
            };
            var theirs = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    theirs.Add(reader.GetString(0));
                }
            }

            if (!ours.SequenceEqual(theirs))
            {
                throw new InvalidOperationException($"PostGIS and the index disagree at query {q}: {string.Join(',', theirs)} vs {string.Join(',', ours)}");
            }
        }
    }

    [GlobalSetup(Target = nameof(Redis_geosearch))]
    public void SetupRedis()
    {
        _fleet = new MovingFleet(Units);
        _redis = RedisInstance.Start();
        _multiplexer = ConnectionMultiplexer.Connect(_redis.Configuration);
        _redisDb = _multiplexer.GetDatabase();
        _members = [.. _fleet.Ids.Select(id => (RedisValue)id)];
        _circle = new GeoSearchCircle(RedisRadiusMetres, GeoUnit.Meters);
        var entries = Enumerable.Range(0, Units)
            .Where(i => _fleet.Available[i])
            .Select(i => new GeoEntry(_fleet.Longitude[i], _fleet.Latitude[i], _members[i]))
            .ToArray();
        _redisDb.KeyDelete(AvailableKey);
        _redisDb.GeoAdd(AvailableKey, entries);

        // Redis measures on a sphere and we in a plane: a rare swap of two near-equal distances
        // is expected, a different answer in general is not.
        var (index, _) = BuildIndex(_fleet, UnitPositionIndex.DefaultCellSize);
        var same = 0;
        for (var q = 0; q < 200; q++)
        {
            var op = _fleet.Moves[q];
            var found = index.NearestAvailable(op.QueryX, op.QueryY, K, null, _results);
            var ours = _results[..found].Select(r => r.Unit.UnitId).ToHashSet();
            var theirs = _redisDb.GeoSearch(AvailableKey, op.QueryLongitude, op.QueryLatitude, _circle, K, true, Order.Ascending, GeoRadiusOptions.None);
            if (theirs.Length != K)
            {
                throw new InvalidOperationException($"Redis found {theirs.Length} units within {RedisRadiusMetres} m of query {q}: widen the radius.");
            }

            same += ours.SetEquals(theirs.Select(r => r.Member.ToString())) ? 1 : 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// Redis agrees with the index on {same} of 200 queries"));
        if (same < 190)
        {
            throw new InvalidOperationException($"Redis and the index agree on only {same} of 200 queries.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _batch?.Dispose();
        _connection?.Dispose();
        _database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _multiplexer?.Dispose();
        _redis?.Dispose();
    }

    [Benchmark]
    public int Tracking_index()
    {
        var op = _fleet.Moves[_op & Mask];
        _index.Update(_fleet.Ids[op.Unit], op.X, op.Y, _start.AddTicks(++_op));
        return _index.NearestAvailable(op.QueryX, op.QueryY, K, null, _results);
    }

    [Benchmark(Baseline = true)]
    public int PostGis_knn()
    {
        var op = _fleet.Moves[_op++ & Mask];
        var update = _batch!.BatchCommands[0].Parameters;
        update[0].Value = op.X;
        update[1].Value = op.Y;
        update[2].Value = _fleet.Ids[op.Unit];
        var query = _batch.BatchCommands[1].Parameters;
        query[0].Value = op.QueryX;
        query[1].Value = op.QueryY;
        var found = 0;
        using var reader = _batch.ExecuteReader();
        while (reader.Read())
        {
            found++;
        }

        return found;
    }

    [Benchmark]
    public int Redis_geosearch()
    {
        var op = _fleet.Moves[_op++ & Mask];
        _redisDb.GeoAdd(AvailableKey, op.Longitude, op.Latitude, _members[op.Unit], CommandFlags.FireAndForget);
        return _redisDb.GeoSearch(AvailableKey, op.QueryLongitude, op.QueryLatitude, _circle, K, true, Order.Ascending, GeoRadiusOptions.None).Length;
    }

    internal static (UnitPositionIndex Index, Dictionary<string, UnitStatus> Status) BuildIndex(MovingFleet fleet, double cellSize)
    {
        var index = new UnitPositionIndex(-MovingFleet.HalfSide, -MovingFleet.HalfSide, MovingFleet.HalfSide, MovingFleet.HalfSide, cellSize);
        var status = new Dictionary<string, UnitStatus>(StringComparer.Ordinal);
        var time = new DateTimeOffset(2024, 3, 1, 11, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < fleet.Ids.Length; i++)
        {
            index.Update(fleet.Ids[i], fleet.X[i], fleet.Y[i], time);
            index.SetAvailable(fleet.Ids[i], fleet.Available[i]);
            status[fleet.Ids[i]] = fleet.Available[i] ? UnitStatus.Available : UnitStatus.Assigned;
        }

        return (index, status);
    }

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection);
        command.ExecuteNonQuery();
    }

    private string Plan()
    {
        using var command = new NpgsqlCommand("EXPLAIN SELECT id FROM units WHERE status = 'available' ORDER BY geom <-> ST_MakePoint(1, 2) LIMIT 5", _connection);
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0).Trim());
        }

        return string.Join(" / ", lines);
    }

    /// <summary>A point as little-endian WKB (type 1), which PostGIS accepts for geometry on COPY.</summary>
    private static byte[] Wkb(double x, double y)
    {
        var wkb = new byte[21];
        wkb[0] = 1;
        BitConverter.TryWriteBytes(wkb.AsSpan(1), 1u);
        BitConverter.TryWriteBytes(wkb.AsSpan(5), x);
        BitConverter.TryWriteBytes(wkb.AsSpan(13), y);
        return wkb;
    }
}
