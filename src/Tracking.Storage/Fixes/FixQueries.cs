using Npgsql;
using Tracking.Core.Fixes;

namespace Tracking.Storage.Fixes;

/// <summary>Read queries over stored fixes. Thread-safe: each call takes its own pooled connection.</summary>
public sealed class FixQueries(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "device_id, device_time, received_at, ST_X(position), ST_Y(position), speed, heading, accuracy, altitude, source, satellites, hdop, battery, emergency";

    /// <summary>One device's fixes with <paramref name="from"/> ≤ device time &lt; <paramref name="to"/>, in device-time order, at most <paramref name="limit"/>.</summary>
    public async Task<List<Fix>> TrackAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM fixes WHERE device_id = $1 AND device_time >= $2 AND device_time < $3 ORDER BY device_time LIMIT $4");
        command.Parameters.AddWithValue(deviceId);
        command.Parameters.AddWithValue(from.ToUniversalTime());
        command.Parameters.AddWithValue(to.ToUniversalTime());
        command.Parameters.AddWithValue(limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The newest fix of every device with a fix since <paramref name="since"/>.</summary>
    public async Task<List<Fix>> LatestPerDeviceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT DISTINCT ON (device_id) {Columns} FROM fixes WHERE device_time >= $1 ORDER BY device_id, device_time DESC");
        command.Parameters.AddWithValue(since.ToUniversalTime());
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>How many fixes are stored for a device (all time).</summary>
    public async Task<long> CountAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM fixes WHERE device_id = $1");
        command.Parameters.AddWithValue(deviceId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<List<Fix>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var fixes = new List<Fix>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            fixes.Add(new Fix
            {
                DeviceId = reader.GetString(0),
                DeviceTime = reader.GetFieldValue<DateTimeOffset>(1),
                ReceivedAt = reader.GetFieldValue<DateTimeOffset>(2),
                Longitude = reader.GetDouble(3),
                Latitude = reader.GetDouble(4),
                Speed = reader.IsDBNull(5) ? null : reader.GetFloat(5),
                Heading = reader.IsDBNull(6) ? null : reader.GetFloat(6),
                Accuracy = reader.IsDBNull(7) ? null : reader.GetFloat(7),
                Altitude = reader.IsDBNull(8) ? null : reader.GetFloat(8),
                Source = (FixSource)reader.GetInt16(9),
                Satellites = reader.IsDBNull(10) ? null : reader.GetInt16(10),
                Hdop = reader.IsDBNull(11) ? null : reader.GetFloat(11),
                Battery = reader.IsDBNull(12) ? null : reader.GetFloat(12),
                Emergency = reader.GetBoolean(13),
            });
        }

        return fixes;
    }
}
