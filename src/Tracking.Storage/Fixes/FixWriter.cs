using Npgsql;
using NpgsqlTypes;
using Tracking.Core.Fixes;

namespace Tracking.Storage.Fixes;

/// <summary>
/// Writes batches of fixes with one binary COPY into a session-local staging table, then one
/// <c>INSERT … ON CONFLICT DO NOTHING</c> into <c>fixes</c>, all in one transaction: duplicates of (device, device time),
/// within the batch or with stored rows, are stored once. Creates missing day partitions on the way.
/// Not thread-safe: one writer owns one connection; after a failure the connection is dropped and the next call reopens it.
/// </summary>
public sealed class FixWriter(NpgsqlDataSource dataSource) : IAsyncDisposable
{
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
