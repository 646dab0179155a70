using Npgsql;
using NpgsqlTypes;
using Tracking.Core.Fixes;
using Tracking.Storage.Tracks;

namespace Tracking.Storage.Fixes;

/// <summary>
/// Writes batches of fixes with one binary COPY into a session-local staging table, then one
/// <c>INSERT … ON CONFLICT DO NOTHING</c> into <c>fixes</c>, all in one transaction: duplicates of (device, device time),
/// within the batch or with stored rows, are stored once. Creates missing day partitions on the way. A late fix (device
/// time more than <see cref="TrackChunks.LateAfter"/> before the database's clock) bumps its local day's track version
/// and the next day's in the same transaction, so what was derived from those days' fixes (mileage figures,
/// <see cref="Analytics.VehicleDayStore"/>; track chunks, <see cref="TrackChunkBuilder"/>) is derived again.
/// Not thread-safe: one writer owns one connection; after a failure the connection is dropped and the next call reopens it.
/// </summary>
public sealed class FixWriter(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    // The shared lock is taken before the clock is read and held to the commit: the track chunk builder takes it
    // exclusively while it reads its own time and snapshot, so a batch it cannot see has a later clock than its own and
    // marks every fix it cut a chunk for as late (TrackChunks.WriterLockKey).
    private static readonly string BumpLateDaysSql =
        $"""
        WITH writer AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared({TrackChunks.WriterLockKey})),
             late AS MATERIALIZED (SELECT clock_timestamp() - make_interval(secs => {(int)TrackChunks.LateAfter.TotalSeconds}) AS before FROM writer)
        INSERT INTO track_day_versions (device_id, day)
        SELECT DISTINCT s.device_id, d.day
        FROM fix_staging s, late,
             LATERAL (VALUES ((s.device_time AT TIME ZONE 'Europe/London')::date),
                             ((s.device_time AT TIME ZONE 'Europe/London')::date + 1)) AS d(day)
        WHERE s.device_time < late.before
        ON CONFLICT (device_id, day) DO UPDATE SET version = track_day_versions.version + 1
        """;

    private readonly HashSet<DateOnly> _knownPartitions = [];
    private NpgsqlConnection? _connection;

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
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var importer = await connection.BeginBinaryImportAsync(
                "COPY fix_staging (device_id, device_time, received_at, lon, lat, speed, heading, accuracy, altitude, satellites, hdop, battery, emergency, source) FROM STDIN (FORMAT BINARY)",
                cancellationToken))
            {
                foreach (var fix in fixes)
                {
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(fix.DeviceId, NpgsqlDbType.Text, cancellationToken);
                    await importer.WriteAsync(fix.DeviceTime.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    await importer.WriteAsync(fix.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    await importer.WriteAsync(fix.Longitude, NpgsqlDbType.Double, cancellationToken);
                    await importer.WriteAsync(fix.Latitude, NpgsqlDbType.Double, cancellationToken);
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

            int inserted;
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(
                    """
                    INSERT INTO fixes (device_id, device_time, received_at, position, speed, heading, accuracy, altitude,
                                       satellites, hdop, battery, emergency, source)
                    SELECT device_id, device_time, received_at, ST_SetSRID(ST_MakePoint(lon, lat), 4326),
                           speed, heading, accuracy, altitude, satellites, hdop, battery, emergency, source
                    FROM fix_staging
                    ON CONFLICT (device_id, device_time) DO NOTHING
                    """));
                batch.BatchCommands.Add(new NpgsqlBatchCommand(BumpLateDaysSql));
                await batch.ExecuteNonQueryAsync(cancellationToken);
                inserted = batch.BatchCommands[0].RecordsAffected;
            }

            await transaction.CommitAsync(cancellationToken);
            return inserted;
        }
        catch
        {
            await DropConnectionAsync();
            throw;
        }
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
                    device_id text, device_time timestamptz, received_at timestamptz, lon float8, lat float8,
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
