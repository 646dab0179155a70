using System.Globalization;
using NetTopologySuite.Geometries;
using Npgsql;
using Tracking.Core.Fixes;
using Tracking.Storage.Fixes;

namespace Tracking.Storage.Patrol;

/// <summary>
/// Streams stored tracks for retrospective presence, device by device in device-time order,
/// without holding them all in memory: every device's fixes of a period, or only those of the
/// devices that came near an area. Thread-safe: each call takes its own pooled connection.
/// </summary>
public sealed class StoredTracks(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Like <see cref="ReadAsync"/>, but only for the devices whose track may have touched
    /// <paramref name="near"/> (a lon/lat box) in the period: those with a ten-minute track box
    /// (<see cref="TrackBoxes"/>) that meets it. Every segment of at most
    /// <see cref="TrackBoxes.Bucket"/> lies inside the box of the bucket it ends in, so a device
    /// left out has no such segment near the box, and presence computed from what is read is
    /// exactly presence computed from everything.
    /// </summary>
    public async Task ReadNearAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        Envelope near,
        IReadOnlyCollection<string>? devices,
        Action<string, long, double, double> onFix,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(near);
        ArgumentNullException.ThrowIfNull(onFix);
        if (devices is { Count: 0 } || from >= to)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            """
            SELECT DISTINCT device_id FROM track_boxes
            WHERE bucket >= track_bucket($1) AND bucket <= track_bucket($2)
              AND max_lon >= $3 AND min_lon <= $4 AND max_lat >= $5 AND min_lat <= $6
              AND ($7::text[] IS NULL OR device_id = ANY($7))
            """);
        command.Parameters.AddWithValue(from.ToUniversalTime());
        command.Parameters.AddWithValue(to.ToUniversalTime());
        command.Parameters.AddWithValue(near.MinX);
        command.Parameters.AddWithValue(near.MaxX);
        command.Parameters.AddWithValue(near.MinY);
        command.Parameters.AddWithValue(near.MaxY);
        command.Parameters.Add(new NpgsqlParameter<string[]?> { TypedValue = devices?.ToArray() });
        var nearby = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                nearby.Add(reader.GetString(0));
            }
        }

        await ReadAsync(from, to, nearby, onFix, cancellationToken);
    }

    /// <summary>
    /// Calls <paramref name="onFix"/> (device id, device time as UTC ticks, longitude, latitude) for
    /// every fix with <paramref name="from"/> ≤ device time &lt; <paramref name="to"/> of the given
    /// devices (all devices when null), ordered by device id, then device time.
    /// </summary>
    public async Task ReadAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyCollection<string>? devices,
        Action<string, long, double, double> onFix,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onFix);
        // COPY takes no parameters: times are formatted here and device ids are checked against
        // the device id alphabet (letters, digits, '_', '.', '-'), which needs no quoting.
        var filter = "";
        if (devices is not null)
        {
            if (devices.Count == 0)
            {
                return;
            }

            foreach (var device in devices)
            {
                if (!DeviceIds.IsValid(device))
                {
                    throw new ArgumentException($"'{device}' is not a device id.", nameof(devices));
                }
            }

            filter = " AND device_id IN (" + string.Join(",", devices.Select(d => "'" + d + "'")) + ")";
        }

        var sql = string.Create(
            CultureInfo.InvariantCulture,
            $"COPY (SELECT device_id, device_time, ST_X(position), ST_Y(position) FROM fixes WHERE device_time >= '{from.UtcDateTime:O}' AND device_time < '{to.UtcDateTime:O}'{filter} ORDER BY device_id, device_time) TO STDOUT (FORMAT BINARY)");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var reader = await connection.BeginBinaryExportAsync(sql, cancellationToken);
        string? previousId = null;
        while (await reader.StartRowAsync(cancellationToken) != -1)
        {
            var id = await reader.ReadAsync<string>(cancellationToken);
            // One string per device rather than per fix.
            if (previousId is not null && string.Equals(previousId, id, StringComparison.Ordinal))
            {
                id = previousId;
            }

            previousId = id;
            var time = await reader.ReadAsync<DateTime>(cancellationToken);
            var longitude = await reader.ReadAsync<double>(cancellationToken);
            var latitude = await reader.ReadAsync<double>(cancellationToken);
            onFix(id, time.Ticks, longitude, latitude);
        }
    }
}
