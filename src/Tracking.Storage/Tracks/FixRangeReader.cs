using System.Data;
using Npgsql;

namespace Tracking.Storage.Tracks;

/// <summary>
/// Reads stored fixes by ranges in one query: every device's (or the given devices') over one period, and single
/// devices' over their own ranges. Each range arrives whole and in time order, grouped by device.
/// </summary>
internal static class FixRangeReader
{
    /// <summary>The piece number of the every-device period.</summary>
    public const int EveryDevice = -1;

    /// <summary>
    /// Calls <paramref name="onPoint"/> (device id, piece, point) for each fix of <paramref name="everyDevice"/> (piece
    /// <see cref="EveryDevice"/>; null for none) and of each of <paramref name="ranges"/> (piece = its index), ordered by
    /// device, then piece, then time. A fix in two ranges comes twice.
    /// </summary>
    public static async Task ReadAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        (DateTimeOffset From, DateTimeOffset To)? everyDevice,
        IReadOnlyCollection<string>? devices,
        IReadOnlyList<FixRange> ranges,
        Action<string, int, StoredPoint> onPoint,
        CancellationToken cancellationToken)
    {
        if (everyDevice is null && ranges.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT device_id, -1 AS piece, device_time, ST_X(position), ST_Y(position) FROM fixes
            WHERE device_time >= $1 AND device_time < $2 AND ($3::text[] IS NULL OR device_id = ANY($3))
            UNION ALL
            SELECT f.device_id, (r.ordinal - 1)::int, f.device_time, ST_X(f.position), ST_Y(f.position)
            FROM unnest($4::text[], $5::timestamptz[], $6::timestamptz[]) WITH ORDINALITY AS r(device_id, low, high, ordinal)
            CROSS JOIN LATERAL (
                SELECT device_id, device_time, position FROM fixes
                WHERE fixes.device_id = r.device_id AND fixes.device_time >= r.low AND fixes.device_time < r.high
            ) AS f
            ORDER BY 1, 2, 3
            """, connection, transaction);
        // No every-device period: an empty one.
        var period = everyDevice ?? (DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        command.Parameters.AddWithValue(period.From.ToUniversalTime());
        command.Parameters.AddWithValue(period.To.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter<string[]?> { TypedValue = devices?.ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ranges.Select(r => r.DeviceId)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. ranges.Select(r => r.From.UtcDateTime)] });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. ranges.Select(r => r.To.UtcDateTime)] });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        string? previousId = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            // One string per device rather than per fix.
            if (previousId is not null && string.Equals(previousId, id, StringComparison.Ordinal))
            {
                id = previousId;
            }

            previousId = id;
            var piece = reader.GetInt32(1);
            var time = reader.GetFieldValue<DateTime>(2);
            onPoint(id, piece, new StoredPoint(time.Ticks, reader.GetDouble(3), reader.GetDouble(4)));
        }
    }
}
