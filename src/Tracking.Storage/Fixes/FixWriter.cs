using Npgsql;
using NpgsqlTypes;
using Tracking.Core.Analytics;
using Tracking.Core.Fixes;
using Tracking.Storage.Tracks;

namespace Tracking.Storage.Fixes;

/// <summary>
/// Writes batches of fixes durably, one transaction per batch. Nearly every batch is new fixes, and goes by one binary COPY
/// straight into <c>fixes</c>. A duplicate of (device, device time), within the batch or with a stored row (a re-sent QoS 1
/// message, the journal replayed after a crash), fails that COPY; the batch then goes by COPY into a session-local staging
/// table and <c>INSERT … ON CONFLICT DO NOTHING</c>, and so do the next few batches (replays come in runs). Creates missing
/// day partitions on the way. A late fix (device time more than <see cref="TrackChunks.LateAfter"/> before the
/// database's clock) bumps its local day's track version and the next day's in the same transaction, so what was derived
/// from those days' fixes (mileage figures, <see cref="Analytics.VehicleDayStore"/>; track chunks,
/// <see cref="TrackChunkBuilder"/>) is derived again.
/// Not thread-safe: one writer owns one connection; after a failure the connection is dropped and the next call reopens it.
/// </summary>
public sealed class FixWriter(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    // Batches that go through the staging table after one whose direct COPY met a duplicate.
    private const int StagedAfterDuplicate = 16;

    // Per device and local day of the batch, its earliest fix: the day and the next are bumped when that is late. The
    // shared lock is taken before the clock is read and held to the commit: the track chunk builder takes it exclusively
    // while it reads its own time and snapshot, so a batch it cannot see has a later clock than its own and marks every
    // fix it cut a chunk for as late (TrackChunks.WriterLockKey).
    private static readonly string BumpLateDaysSql =
        $"""
        WITH writer AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared({TrackChunks.WriterLockKey})),
             late AS MATERIALIZED (SELECT clock_timestamp() - make_interval(secs => {(int)TrackChunks.LateAfter.TotalSeconds}) AS before FROM writer)
        INSERT INTO track_day_versions (device_id, day)
        SELECT DISTINCT b.device_id, d.day
        FROM unnest($1::text[], $2::date[], $3::timestamptz[]) AS b(device_id, day, earliest), late,
             LATERAL (VALUES (b.day), (b.day + 1)) AS d(day)
        WHERE b.earliest < late.before
        ON CONFLICT (device_id, day) DO UPDATE SET version = track_day_versions.version + 1
        """;

    private readonly HashSet<DateOnly> _knownPartitions = [];
    private readonly Dictionary<(string DeviceId, DateOnly Day), DateTimeOffset> _earliest = [];
    private readonly byte[] _point = new byte[EwkbPoint.Length];
    private NpgsqlConnection? _connection;
    private int _stagedBatchesLeft;
    private readonly LocalDayCursor _days = new(LocalCalendar.London);

    /// <summary>Stores the batch durably; returns how many fixes were new (the rest were duplicates).</summary>
    public async Task<int> WriteAsync(IReadOnlyList<Fix> fixes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        if (fixes.Count == 0)
        {
            return 0;
        }

        try
        {
            var connection = await ConnectAsync(cancellationToken);
            await EnsurePartitionsAsync(connection, fixes, cancellationToken);
            CollectEarliestPerDay(fixes);
            if (_stagedBatchesLeft == 0)
            {
                try
                {
                    return await WriteDirectAsync(connection, fixes, cancellationToken);
                }
                catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
                {
                    _stagedBatchesLeft = StagedAfterDuplicate;
                }
            }
            else
            {
                _stagedBatchesLeft--;
            }

            return await WriteStagedAsync(connection, fixes, cancellationToken);
        }
        catch
        {
            await DropConnectionAsync();
            throw;
        }
    }

    private async Task<int> WriteDirectAsync(NpgsqlConnection connection, IReadOnlyList<Fix> fixes, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CopyAsync(connection, "fixes", fixes, cancellationToken);
        await using (var bump = new NpgsqlBatch(connection, transaction) { BatchCommands = { BumpLateDays() } })
        {
            await bump.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return fixes.Count;
    }

    private async Task<int> WriteStagedAsync(NpgsqlConnection connection, IReadOnlyList<Fix> fixes, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CopyAsync(connection, "fix_staging", fixes, cancellationToken);
        int inserted;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                """
                INSERT INTO fixes (device_id, device_time, received_at, position, speed, heading, accuracy, altitude,
                                   satellites, hdop, battery, emergency, source)
                SELECT device_id, device_time, received_at, position,
                       speed, heading, accuracy, altitude, satellites, hdop, battery, emergency, source
                FROM fix_staging
                ON CONFLICT (device_id, device_time) DO NOTHING
                """));
            batch.BatchCommands.Add(BumpLateDays());
            await batch.ExecuteNonQueryAsync(cancellationToken);
            inserted = batch.BatchCommands[0].RecordsAffected;
        }

        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>One binary COPY of the batch into <c>fixes</c> or the staging table, which have the same columns.</summary>
    private async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<Fix> fixes, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} (device_id, device_time, received_at, position, speed, heading, accuracy, altitude, satellites, hdop, battery, emergency, source) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var fix in fixes)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(fix.DeviceId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(fix.DeviceTime.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(fix.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(EwkbPoint.Write(_point, fix.Longitude, fix.Latitude), NpgsqlDbType.Bytea, cancellationToken);
            await WriteOptionalAsync(importer, fix.Speed, cancellationToken);
            await WriteOptionalAsync(importer, fix.Heading, cancellationToken);
            await WriteOptionalAsync(importer, fix.Accuracy, cancellationToken);
            await WriteOptionalAsync(importer, fix.Altitude, cancellationToken);
            if (fix.Satellites is { } satellites)
            {
                await importer.WriteAsync((short)satellites, NpgsqlDbType.Smallint, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }

            await WriteOptionalAsync(importer, fix.Hdop, cancellationToken);
            await WriteOptionalAsync(importer, fix.Battery, cancellationToken);
            await importer.WriteAsync(fix.Emergency, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync((short)fix.Source, NpgsqlDbType.Smallint, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>Fills <see cref="_earliest"/>: the earliest fix of each device and local day in the batch.</summary>
    private void CollectEarliestPerDay(IReadOnlyList<Fix> fixes)
    {
        _earliest.Clear();
        foreach (var fix in fixes)
        {
            var key = (fix.DeviceId, _days.DayOf(fix.DeviceTime.UtcTicks));
            if (!_earliest.TryGetValue(key, out var earliest) || fix.DeviceTime < earliest)
            {
                _earliest[key] = fix.DeviceTime;
            }
        }
    }

    private NpgsqlBatchCommand BumpLateDays()
    {
        var command = new NpgsqlBatchCommand(BumpLateDaysSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _earliest.Keys.Select(k => k.DeviceId)] });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. _earliest.Keys.Select(k => k.Day)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. _earliest.Values.Select(t => t.UtcDateTime)] });
        return command;
    }

    private static Task WriteOptionalAsync(NpgsqlBinaryImporter importer, double? value, CancellationToken cancellationToken) =>
        value is { } v
            ? importer.WriteAsync((float)v, NpgsqlDbType.Real, cancellationToken)
            : importer.WriteNullAsync(cancellationToken);

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        await DropConnectionAsync();
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // Session-local, emptied at every commit: the staging area for one batch.
            await using var create = new NpgsqlCommand(
                """
                CREATE TEMP TABLE IF NOT EXISTS fix_staging (
                    device_id text, device_time timestamptz, received_at timestamptz, position geometry(Point, 4326),
                    speed real, heading real, accuracy real, altitude real,
                    satellites smallint, hdop real, battery real, emergency boolean, source smallint
                ) ON COMMIT DELETE ROWS
                """, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        _connection = connection;
        return connection;
    }

    private async Task EnsurePartitionsAsync(NpgsqlConnection connection, IReadOnlyList<Fix> fixes, CancellationToken cancellationToken)
    {
        foreach (var fix in fixes)
        {
            var day = DateOnly.FromDateTime(fix.DeviceTime.UtcDateTime);
            if (_knownPartitions.Contains(day))
            {
                continue;
            }

            await FixPartitions.EnsureAsync(connection, day, cancellationToken);
            _knownPartitions.Add(day);
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public ValueTask DisposeAsync() => new(DropConnectionAsync());
}
