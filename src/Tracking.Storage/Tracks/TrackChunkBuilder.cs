using System.Data;
using Npgsql;
using NpgsqlTypes;
using Tracking.Core.Analytics;

namespace Tracking.Storage.Tracks;

/// <summary>
/// Cuts the stored fixes into <see cref="TrackChunk"/>s (migration 0011) behind the writers, up to
/// <see cref="TrackChunks.LateAfter"/> before the database's clock, a step of at most <see cref="TrackChunks.BuildStep"/>
/// per transaction; and cuts again the device days whose fixes changed since (a late fix bumps its day's version).
/// One builder works at a time across server instances. Thread-safe: each call takes its own connection.
/// </summary>
public sealed class TrackChunkBuilder(NpgsqlDataSource dataSource)
{
    // Days cut again per step: a backfilled week of a force is thousands of device days.
    private const int RecutDaysPerStep = 500;

    /// <summary>Cuts until every fix older than <see cref="TrackChunks.LateAfter"/> is in a current chunk.</summary>
    public async Task<TrackChunkBuildResult> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await ScalarAsync<bool>(connection, null, $"SELECT pg_try_advisory_lock({TrackChunks.BuilderLockKey})", cancellationToken))
        {
            return new TrackChunkBuildResult(true, 0, 0, 0, null);
        }

        try
        {
            var total = new TrackChunkBuildResult(false, 0, 0, 0, null);
            while (true)
            {
                var (step, done) = await StepAsync(connection, cancellationToken);
                total = new TrackChunkBuildResult(false, total.Fixes + step.Fixes, total.Chunks + step.Chunks, total.RecutDays + step.RecutDays, step.BuiltUntil);
                if (done)
                {
                    return total;
                }
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({TrackChunks.BuilderLockKey})", CancellationToken.None);
        }
    }

    private static async Task<(TrackChunkBuildResult Step, bool Done)> StepAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var (transaction, clock, builtUntil) = await BeginAsync(connection, cancellationToken);
        await using (transaction)
        {
            var target = clock - TrackChunks.LateAfter;
            DateTimeOffset from;
            if (builtUntil is { } until)
            {
                from = until;
            }
            else if (await ScalarAsync<DateTime?>(connection, transaction, "SELECT min(device_time) FROM fixes", cancellationToken) is { } first)
            {
                from = new DateTimeOffset(first, TimeSpan.Zero);
            }
            else
            {
                await SaveProgressAsync(connection, transaction, target, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return (new TrackChunkBuildResult(false, 0, 0, 0, target), true);
            }

            var to = from < target ? Min(target, from + TrackChunks.BuildStep) : from;
            var stale = await StaleDaysAsync(connection, transaction, LocalCalendar.London.Day(from.AddTicks(-1)), cancellationToken);
            var recut = stale.Take(RecutDaysPerStep).ToList();
            var skipped = stale.Select(s => (s.DeviceId, s.Day)).ToHashSet();
            var versions = await VersionsAsync(connection, transaction, LocalCalendar.London.Day(from), LocalCalendar.London.Day(to), cancellationToken);

            var ranges = recut.Select(s => new FixRange(
                s.DeviceId,
                LocalCalendar.London.Start(s.Day) - TrackChunks.LongestSegment,
                Min(LocalCalendar.London.End(s.Day), to))).ToList();
            var chunks = new List<(string DeviceId, TrackChunk Chunk)>();
            var days = new Dictionary<(string DeviceId, DateOnly Day), long>();
            foreach (var day in recut)
            {
                days[(day.DeviceId, day.Day)] = day.Version;
            }

            var fixes = 0L;
            var scratch = new List<TrackChunk>();
            void Cut(string deviceId, int piece, List<StoredPoint> points)
            {
                var ownFrom = piece == FixRangeReader.EveryDevice ? from.UtcTicks : LocalCalendar.London.Start(recut[piece].Day).UtcTicks;
                var firstOwn = points.FindIndex(p => p.Ticks >= ownFrom);
                if (firstOwn < 0)
                {
                    return;
                }

                scratch.Clear();
                TrackChunker.Cut(points, firstOwn, scratch);
                foreach (var chunk in scratch)
                {
                    if (piece == FixRangeReader.EveryDevice)
                    {
                        if (skipped.Contains((deviceId, chunk.Day)))
                        {
                            continue;
                        }

                        days[(deviceId, chunk.Day)] = versions.GetValueOrDefault((deviceId, chunk.Day));
                    }

                    chunks.Add((deviceId, chunk));
                    fixes += chunk.OwnFixes;
                }
            }

            var current = new List<StoredPoint>();
            (string DeviceId, int Piece)? currentKey = null;
            await FixRangeReader.ReadAsync(
                connection,
                transaction,
                to > from ? (from - TrackChunks.LongestSegment, to) : null,
                null,
                ranges,
                (deviceId, piece, point) =>
                {
                    if (currentKey is { } key && (key.Piece != piece || !string.Equals(key.DeviceId, deviceId, StringComparison.Ordinal)))
                    {
                        Cut(key.DeviceId, key.Piece, current);
                        current.Clear();
                    }

                    currentKey = (deviceId, piece);
                    current.Add(point);
                },
                cancellationToken);
            if (currentKey is { } last)
            {
                Cut(last.DeviceId, last.Piece, current);
            }

            await DeleteChunksAsync(connection, transaction, recut, cancellationToken);
            await WriteChunksAsync(connection, chunks, cancellationToken);
            await SaveDaysAsync(connection, transaction, days, cancellationToken);
            if (to > from || builtUntil is null)
            {
                await SaveProgressAsync(connection, transaction, to, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            var done = to >= target && stale.Count == recut.Count;
            return (new TrackChunkBuildResult(false, fixes, chunks.Count, recut.Count, to), done);
        }
    }

    /// <summary>
    /// Opens the step's transaction (repeatable read) and reads the database's clock and the progress, holding the
    /// writers' lock exclusively meanwhile: every batch the snapshot misses takes its clock after this one.
    /// </summary>
    private static async Task<(NpgsqlTransaction Transaction, DateTimeOffset Clock, DateTimeOffset? BuiltUntil)> BeginAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({TrackChunks.WriterLockKey})", cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT clock_timestamp(), (SELECT built_until FROM track_chunk_progress)", connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var clock = new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero);
            DateTimeOffset? builtUntil = reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero);
            await reader.CloseAsync();
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_unlock({TrackChunks.WriterLockKey})", CancellationToken.None);
            return (transaction, clock, builtUntil);
        }
        catch
        {
            // A pooled connection keeps session locks while it idles: the writers must not wait on a failed step.
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            if (connection.State == ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({TrackChunks.WriterLockKey})", CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>The device days that began before <paramref name="lastDay"/>'s end whose chunks are not at their current version.</summary>
    private static async Task<List<(string DeviceId, DateOnly Day, long Version)>> StaleDaysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly lastDay, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT v.device_id, v.day, v.version FROM track_day_versions v
            LEFT JOIN track_chunk_days c USING (device_id, day)
            WHERE v.day <= $1 AND c.version IS DISTINCT FROM v.version
            ORDER BY v.day, v.device_id
            """, connection, transaction);
        command.Parameters.AddWithValue(lastDay);
        var stale = new List<(string, DateOnly, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stale.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt64(2)));
        }

        return stale;
    }

    private static async Task<Dictionary<(string DeviceId, DateOnly Day), long>> VersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT device_id, day, version FROM track_day_versions WHERE day BETWEEN $1 AND $2", connection, transaction);
        command.Parameters.AddWithValue(firstDay);
        command.Parameters.AddWithValue(lastDay);
        var versions = new Dictionary<(string, DateOnly), long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[(reader.GetString(0), reader.GetFieldValue<DateOnly>(1))] = reader.GetInt64(2);
        }

        return versions;
    }

    private static async Task DeleteChunksAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<(string DeviceId, DateOnly Day, long Version)> days, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            """
            DELETE FROM track_chunks t USING unnest($1::text[], $2::date[]) AS r(device_id, day)
            WHERE t.device_id = r.device_id AND t.day = r.day
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. days.Select(d => d.DeviceId)] });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. days.Select(d => d.Day)] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteChunksAsync(NpgsqlConnection connection, List<(string DeviceId, TrackChunk Chunk)> chunks, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY track_chunks (device_id, day, span, extent, points) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (deviceId, chunk) in chunks)
        {
            var points = chunk.Points;
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(deviceId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(chunk.Day, NpgsqlDbType.Date, cancellationToken);
            await importer.WriteAsync(
                new NpgsqlRange<DateTime>(new DateTime(points[0].Ticks, DateTimeKind.Utc), true, new DateTime(points[^1].Ticks, DateTimeKind.Utc), true),
                NpgsqlDbType.TimestampTzRange,
                cancellationToken);
            await importer.WriteAsync(
                new NpgsqlBox(new NpgsqlPoint(chunk.MaxLongitude, chunk.MaxLatitude), new NpgsqlPoint(chunk.MinLongitude, chunk.MinLatitude)),
                NpgsqlDbType.Box,
                cancellationToken);
            await importer.WriteAsync(TrackChunkCodec.Encode(points), NpgsqlDbType.Bytea, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task SaveDaysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<(string DeviceId, DateOnly Day), long> days, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            """
            INSERT INTO track_chunk_days (device_id, day, version) SELECT * FROM unnest($1::text[], $2::date[], $3::bigint[])
            ON CONFLICT (device_id, day) DO UPDATE SET version = EXCLUDED.version
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. days.Keys.Select(d => d.DeviceId)] });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. days.Keys.Select(d => d.Day)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. days.Values] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task SaveProgressAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset builtUntil, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO track_chunk_progress (built_until) VALUES ($1)
            ON CONFLICT (only_row) DO UPDATE SET built_until = EXCLUDED.built_until
            """, connection, transaction);
        command.Parameters.AddWithValue(builtUntil.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull or null ? default! : (T)value;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
