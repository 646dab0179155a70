using System.Globalization;
using Npgsql;
using Tracking.Core.Fixes;
using Tracking.Storage.Fixes;
using Tracking.Storage.Migrations;

namespace Tracking.Benchmarks.Patrol;

/// <summary>
/// Seven days of a force's history in PostGIS for the retrospective presence benchmark: 500 units
/// at one fix per 10 s (30,240,000 fixes), written through the server's own <see cref="FixWriter"/>
/// (so the track boxes are maintained as in production). Built once into its own database and
/// kept: the next run finds it complete and starts at once.
/// </summary>
internal static class PatrolHistory
{
    public const int Units = 500;
    public const int Days = 7;
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = Start.AddDays(Days);

    // Leicester's centre: a third of the units patrol within 2 km of it, the rest further out.
    public const double CentreLongitude = -1.1337;
    public const double CentreLatitude = 52.6362;

    private const string DatabaseName = "bench_patrol_history_v1";
    private const int Seed = 20261102;

    /// <summary>The database, created and filled on first use.</summary>
    public static async Task<NpgsqlDataSource> OpenAsync(string clusterConnectionString)
    {
        var maintenance = new NpgsqlConnectionStringBuilder(clusterConnectionString) { Pooling = false }.ConnectionString;
        await using (var connection = new NpgsqlConnection(maintenance))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(DatabaseName);
            if ((long)(await exists.ExecuteScalarAsync())! == 0)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(clusterConnectionString) { Database = DatabaseName }.ConnectionString);
        await MigrationRunner.MigrateAsync(dataSource);
        await using (var marker = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS bench_complete (units int, days int)"))
        {
            await marker.ExecuteNonQueryAsync();
        }

        await using (var complete = dataSource.CreateCommand("SELECT count(*) FROM bench_complete"))
        {
            if ((long)(await complete.ExecuteScalarAsync())! > 0)
            {
                return dataSource;
            }
        }

        await FillAsync(dataSource);
        await using (var done = dataSource.CreateCommand(string.Create(CultureInfo.InvariantCulture, $"INSERT INTO bench_complete VALUES ({Units}, {Days}); ANALYZE")))
        {
            await done.ExecuteNonQueryAsync();
        }

        return dataSource;
    }

    private static async Task FillAsync(NpgsqlDataSource dataSource)
    {
        Console.WriteLine($"// Writing {Units} units × {Days} days at one fix per {Interval.TotalSeconds} s into {DatabaseName} (once)…");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var writer = new FixWriter(dataSource);
        var random = new Random(Seed);
        var batch = new List<Fix>(20_000);
        for (var unit = 0; unit < Units; unit++)
        {
            var walker = new PatrolWalker($"unit-{unit:D3}", unit % 3 == 0 ? 2_000 : 9_000, random);
            for (var time = Start; time < End; time += Interval)
            {
                batch.Add(walker.Next(time, Interval));
                if (batch.Count == batch.Capacity)
                {
                    await writer.WriteAsync(batch);
                    batch.Clear();
                }
            }

            if (unit % 50 == 49)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"//   {unit + 1} units written, {started.Elapsed.TotalMinutes:F1} min"));
            }
        }

        await writer.WriteAsync(batch);
    }

    /// <summary>
    /// One unit's patrol: drives at 5–15 m/s towards a random point within its radius of the
    /// centre, parks there for up to 30 minutes, and goes on.
    /// </summary>
    private sealed class PatrolWalker(string deviceId, double radiusMetres, Random random)
    {
        private const double MetresPerDegreeLatitude = 111_200;
        private static readonly double MetresPerDegreeLongitude = 111_200 * Math.Cos(CentreLatitude * Math.PI / 180);
        private double _x = Offset(random, radiusMetres);
        private double _y = Offset(random, radiusMetres);
        private double _targetX;
        private double _targetY;
        private double _speed = 5 + (random.NextDouble() * 10);
        private TimeSpan _parkedFor;

        public Fix Next(DateTimeOffset time, TimeSpan interval)
        {
            if (_parkedFor > TimeSpan.Zero)
            {
                _parkedFor -= interval;
            }
            else
            {
                var dx = _targetX - _x;
                var dy = _targetY - _y;
                var distance = Math.Sqrt((dx * dx) + (dy * dy));
                var step = _speed * interval.TotalSeconds;
                if (distance <= step)
                {
                    (_x, _y) = (_targetX, _targetY);
                    _parkedFor = TimeSpan.FromSeconds(random.Next(0, 1800));
                    (_targetX, _targetY) = (Offset(random, radiusMetres), Offset(random, radiusMetres));
                    _speed = 5 + (random.NextDouble() * 10);
                }
                else
                {
                    _x += dx / distance * step;
                    _y += dy / distance * step;
                }
            }

            // A few metres of GPS noise on every fix.
            return new Fix
            {
                DeviceId = deviceId,
                DeviceTime = time,
                ReceivedAt = time,
                Longitude = CentreLongitude + ((_x + ((random.NextDouble() - 0.5) * 8)) / MetresPerDegreeLongitude),
                Latitude = CentreLatitude + ((_y + ((random.NextDouble() - 0.5) * 8)) / MetresPerDegreeLatitude),
                Speed = _parkedFor > TimeSpan.Zero ? 0 : _speed,
                Source = FixSource.Native,
            };
        }

        private static double Offset(Random random, double radius) => (random.NextDouble() * 2 - 1) * radius;
    }
}
