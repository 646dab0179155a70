using System.Data;
using System.Globalization;
using NetTopologySuite.Geometries;
using Npgsql;
using Tracking.Core.Analytics;
using Tracking.Core.Fixes;
using Tracking.Storage.Tracks;

namespace Tracking.Storage.Patrol;

/// <summary>
/// Streams stored tracks for retrospective presence, device by device in device-time order,
/// without holding them all in memory: every device's fixes of a period, or only those near an area.
/// </summary>
public sealed class StoredTracks(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The fixes of the period that presence in an area needs, device by device: only those at either end of a segment
    /// whose longitude/latitude box meets <paramref name="near"/>. Calls <paramref name="onFix"/> (device id, device
    /// time as UTC ticks, longitude, latitude, resumes) in increasing time per device, devices one after the other;
    /// <c>resumes</c> is true when the fixes between the device's previous one handed out and this one were left out
    /// (their segments stay away from the box; <see cref="Core.Patrol.PresenceStepper.Resume"/>), and for its first.
    /// Presence stepped over what is read equals presence over every fix, for any MaxGap up to
    /// <see cref="TrackChunks.LongestSegment"/>, provided the box holds every segment that comes inside the area.
    /// </summary>
    /// <remarks>
    /// Cut days are read from the chunks that come near the box (<see cref="TrackChunks"/>); the days not cut yet, or
    /// changed since they were cut, from <c>fixes</c>; all in one snapshot. Thread-safe: each call takes its own
    /// pooled connection.
    /// </remarks>
    public async Task ReadNearAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        Envelope near,
        IReadOnlyCollection<string>? devices,
        Action<string, long, double, double, bool> onFix,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(near);
        ArgumentNullException.ThrowIfNull(onFix);
        if (devices is { Count: 0 } || from >= to)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        DateTimeOffset? builtUntil;
        await using (var progress = new NpgsqlCommand("SELECT built_until FROM track_chunk_progress", connection, transaction))
        {
            builtUntil = await progress.ExecuteScalarAsync(cancellationToken) is DateTime until ? new DateTimeOffset(until, TimeSpan.Zero) : null;
        }

        var ranges = new List<FixRange>();
        (DateTimeOffset From, DateTimeOffset To)? everyDevice = (from, to);
        var chunkPieces = new Dictionary<string, List<List<StoredPoint>>>(StringComparer.Ordinal);
        if (builtUntil is { } cutUntil)
        {
            var (current, stale) = await ChunkDaysAsync(connection, transaction, from, to, devices, cancellationToken);
            foreach (var (deviceId, day) in stale)
            {
                var start = LocalCalendar.London.Start(day);
                var end = Min(Min(LocalCalendar.London.End(day), cutUntil), to);
                if (start < end)
                {
                    ranges.Add(new FixRange(deviceId, (start > from ? start : from) - TrackChunks.LongestSegment, end));
                }
            }

            everyDevice = cutUntil < to ? ((cutUntil > from ? cutUntil : from) - TrackChunks.LongestSegment, to) : null;
            await ReadChunksAsync(connection, transaction, from, to, near, devices, current, chunkPieces, cancellationToken);
        }

        var prune = new NearSegments(near, onFix);
        var rawPieces = new List<List<StoredPoint>>();
        string? rawDevice = null;
        var rawPiece = int.MinValue;
        await FixRangeReader.ReadAsync(
            connection,
            transaction,
            everyDevice,
            devices,
            ranges,
            (deviceId, piece, point) =>
            {
                if (!ReferenceEquals(deviceId, rawDevice))
                {
                    if (rawDevice is not null)
                    {
                        prune.Device(rawDevice, rawPieces, chunkPieces);
                    }

                    rawDevice = deviceId;
                    rawPieces = [];
                    rawPiece = int.MinValue;
                }

                if (piece != rawPiece)
                {
                    rawPieces.Add([]);
                    rawPiece = piece;
                }

                rawPieces[^1].Add(point);
            },
            cancellationToken);
        if (rawDevice is not null)
        {
            prune.Device(rawDevice, rawPieces, chunkPieces);
        }

        foreach (var deviceId in chunkPieces.Keys.Order(StringComparer.Ordinal).ToList())
        {
            prune.Device(deviceId, [], chunkPieces);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The device days of the period whose chunks are current, and those cut at an older version (or not cut though
    /// their fixes changed), which are read from <c>fixes</c>.
    /// </summary>
    private static async Task<(HashSet<(string DeviceId, DateOnly Day)> Current, List<(string DeviceId, DateOnly Day)> Stale)> ChunkDaysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? devices, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT device_id, day, c.version IS NOT DISTINCT FROM coalesce(v.version, 0)
            FROM (SELECT * FROM track_chunk_days WHERE day BETWEEN $1 AND $2) AS c
            FULL JOIN (SELECT * FROM track_day_versions WHERE day BETWEEN $1 AND $2) AS v USING (device_id, day)
            WHERE $3::text[] IS NULL OR device_id = ANY($3)
            """, connection, transaction);
        command.Parameters.AddWithValue(LocalCalendar.London.Day(from));
        command.Parameters.AddWithValue(LocalCalendar.London.Day(to.AddTicks(-1)));
        command.Parameters.Add(new NpgsqlParameter<string[]?> { TypedValue = devices?.ToArray() });
        var current = new HashSet<(string, DateOnly)>();
        var stale = new List<(string, DateOnly)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var day = (reader.GetString(0), reader.GetFieldValue<DateOnly>(1));
            (reader.GetBoolean(2) ? (ICollection<(string, DateOnly)>)current : stale).Add(day);
        }

        return (current, stale);
    }

    private static async Task ReadChunksAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        DateTimeOffset from,
        DateTimeOffset to,
        Envelope near,
        IReadOnlyCollection<string>? devices,
        HashSet<(string DeviceId, DateOnly Day)> current,
        Dictionary<string, List<List<StoredPoint>>> pieces,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT device_id, day, points FROM track_chunks
            WHERE extent && box(point($1, $2), point($3, $4)) AND span && tstzrange($5, $6)
              AND ($7::text[] IS NULL OR device_id = ANY($7))
            """, connection, transaction);
        command.Parameters.AddWithValue(near.MinX);
        command.Parameters.AddWithValue(near.MinY);
        command.Parameters.AddWithValue(near.MaxX);
        command.Parameters.AddWithValue(near.MaxY);
        command.Parameters.AddWithValue(from.ToUniversalTime());
        command.Parameters.AddWithValue(to.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter<string[]?> { TypedValue = devices?.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var deviceId = reader.GetString(0);
            if (!current.Contains((deviceId, reader.GetFieldValue<DateOnly>(1))))
            {
                continue;
            }

            if (!pieces.TryGetValue(deviceId, out var list))
            {
                pieces[deviceId] = list = [];
            }

            var points = new List<StoredPoint>();
            TrackChunkCodec.Decode(reader.GetFieldValue<byte[]>(2), points);
            list.Add(points);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

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
