using System.Globalization;
using NetTopologySuite.Geometries;
using Npgsql;
using Tracking.Core.Fixes;
using Tracking.Storage.Fixes;

namespace Tracking.Storage.Patrol;

/// <summary>
/// Streams stored tracks for retrospective presence, device by device in device-time order,
/// without holding them all in memory: every fix of a period, or only the parts of tracks that
/// came near an area. Thread-safe: each call takes its own pooled connection.
/// </summary>
public sealed class StoredTracks(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Calls <paramref name="onFix"/> (device id, device time as UTC ticks, longitude, latitude),
    /// ordered by device id then device time, for the fixes with <paramref name="from"/> ≤ device
    /// time &lt; <paramref name="to"/> that make up every track segment of at most
    /// <see cref="TrackBoxes.Bucket"/> that may touch <paramref name="near"/> (a lon/lat box): the
    /// ten-minute buckets whose track box meets it, each with the bucket before. Between two runs
    /// of fixes read for one device lies more than an hour unread, so a caller that breaks the
    /// track at gaps of more than MaxGap (≤ the bucket) sees exactly the segments it would see
    /// reading everything.
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

        var (rangeDevices, starts, ends) = await NearRangesAsync(from, to, near, devices, cancellationToken);
        if (rangeDevices.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            """
            SELECT f.device_id, f.device_time, ST_X(f.position), ST_Y(f.position)
            FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS r(device_id, start_time, end_time)
            JOIN LATERAL (
                SELECT device_id, device_time, position FROM fixes
                WHERE device_id = r.device_id AND device_time >= r.start_time AND device_time < r.end_time
            ) AS f ON true
            ORDER BY f.device_id, f.device_time
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rangeDevices] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. starts] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. ends] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? previousId = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (previousId is not null && string.Equals(previousId, id, StringComparison.Ordinal))
            {
                id = previousId;
            }

            previousId = id;
            onFix(id, reader.GetFieldValue<DateTime>(1).Ticks, reader.GetDouble(2), reader.GetDouble(3));
        }
    }

    // The time ranges to read: for every bucket near the box, the bucket and the one before,
    // cut to the period, with overlapping ranges of a device joined.
    private async Task<(List<string> Devices, List<DateTime> Starts, List<DateTime> Ends)> NearRangesAsync(
        DateTimeOffset from, DateTimeOffset to, Envelope near, IReadOnlyCollection<string>? devices, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT device_id, bucket FROM track_boxes
            WHERE bucket >= track_bucket($1) AND bucket <= track_bucket($2)
              AND max_lon >= $3 AND min_lon <= $4 AND max_lat >= $5 AND min_lat <= $6
              AND ($7::text[] IS NULL OR device_id = ANY($7))
            ORDER BY device_id, bucket
            """);
        command.Parameters.AddWithValue(from.ToUniversalTime());
        command.Parameters.AddWithValue(to.ToUniversalTime());
        command.Parameters.AddWithValue(near.MinX);
        command.Parameters.AddWithValue(near.MaxX);
        command.Parameters.AddWithValue(near.MinY);
        command.Parameters.AddWithValue(near.MaxY);
        command.Parameters.Add(new NpgsqlParameter<string[]?> { TypedValue = devices?.ToArray() });

        var rangeDevices = new List<string>();
        var starts = new List<DateTime>();
        var ends = new List<DateTime>();
        var first = from.UtcDateTime;
        var last = to.UtcDateTime;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var device = reader.GetString(0);
            var bucket = reader.GetFieldValue<DateTime>(1);
            var start = Max(bucket - TrackBoxes.Bucket, first);
            var end = Min(bucket + TrackBoxes.Bucket, last);
            if (end <= start)
            {
                continue;
            }

            // Ranges less than an hour apart are read as one: fewer, longer index scans. What
            // lies between two ranges that stay apart is more than an hour, longer than any MaxGap.
            if (rangeDevices.Count > 0 && rangeDevices[^1] == device && ends[^1] + JoinRangesWithin >= start)
            {
                ends[^1] = Max(ends[^1], end);
                continue;
            }

            rangeDevices.Add(device);
            starts.Add(start);
            ends.Add(end);
        }

        return (rangeDevices, starts, ends);
    }

    private static readonly TimeSpan JoinRangesWithin = TimeSpan.FromHours(1);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

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
