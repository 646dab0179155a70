using Npgsql;
using NpgsqlTypes;
using Tracking.Core.Analytics;
using Tracking.Core.Fixes;

namespace Tracking.Storage.Fixes;

/// <summary>
/// Writes batches of fixes with one binary COPY into a session-local staging table, then one
/// <c>INSERT … ON CONFLICT DO NOTHING</c> into <c>fixes</c>, all in one transaction: duplicates of (device, device time),
/// within the batch or with stored rows, are stored once. Creates missing day partitions on the way. A fix for a local day
/// that has already closed bumps that day's track version (and the next day's) in the same transaction, so mileage figures
/// stored for those days (<see cref="Analytics.VehicleDayStore"/>) are measured again.
/// Not thread-safe: one writer owns one connection; after a failure the connection is dropped and the next call reopens it.
/// </summary>
public sealed class FixWriter(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null) : IAsyncDisposable
{
    private const string BumpDayVersionsSql =
        """
        INSERT INTO track_day_versions (device_id, day) SELECT * FROM unnest($1::text[], $2::date[])
        ON CONFLICT (device_id, day) DO UPDATE SET version = track_day_versions.version + 1
        """;

    private readonly HashSet<DateOnly> _knownPartitions = [];
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly HashSet<(string Device, DateOnly Day)> _lateDays = [];
    private NpgsqlConnection? _connection;
    private DateTimeOffset _openDayStart = DateTimeOffset.MinValue;
    private DateTimeOffset _openDayEnd = DateTimeOffset.MinValue;

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
            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO fixes (device_id, device_time, received_at, position, speed, heading, accuracy, altitude,
                                   satellites, hdop, battery, emergency, source)
                SELECT device_id, device_time, received_at, ST_SetSRID(ST_MakePoint(lon, lat), 4326),
                       speed, heading, accuracy, altitude, satellites, hdop, battery, emergency, source
                FROM fix_staging
                ON CONFLICT (device_id, device_time) DO NOTHING
                """, connection, transaction))
            {
                inserted = await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var boxes = new NpgsqlCommand(TrackBoxes.UpsertFromStagingSql, connection, transaction))
            {
                await boxes.ExecuteNonQueryAsync(cancellationToken);
            }

            if (CollectLateDays(fixes))
            {
                await using var bump = new NpgsqlCommand(BumpDayVersionsSql, connection, transaction);
                bump.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. _lateDays.Select(d => d.Device)] });
                bump.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. _lateDays.Select(d => d.Day)] });
                await bump.ExecuteNonQueryAsync(cancellationToken);
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

    /// <summary>
    /// Fills <see cref="_lateDays"/> with the (device, local day) of every fix before today's local start, and the day
    /// after each (a day's first move may start from the late fix); true when there are any. One comparison per fix
    /// when none is late, which is nearly always.
    /// </summary>
    private bool CollectLateDays(IReadOnlyList<Fix> fixes)
    {
        _lateDays.Clear();
        var now = _time.GetUtcNow();
        if (now >= _openDayEnd)
        {
            var today = LocalCalendar.London.Day(now);
            (_openDayStart, _openDayEnd) = (LocalCalendar.London.Start(today), LocalCalendar.London.End(today));
        }

        foreach (var fix in fixes)
        {
            if (fix.DeviceTime < _openDayStart)
            {
                var day = LocalCalendar.London.Day(fix.DeviceTime);
                _lateDays.Add((fix.DeviceId, day));
                _lateDays.Add((fix.DeviceId, day.AddDays(1)));
            }
        }

        return _lateDays.Count > 0;
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
