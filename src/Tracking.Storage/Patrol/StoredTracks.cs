using System.Globalization;
using Npgsql;
using Tracking.Core.Fixes;

namespace Tracking.Storage.Patrol;

/// <summary>
/// Streams stored tracks for retrospective presence: every fix of a period, device by device in
/// device-time order, without holding them all in memory. Thread-safe: each call takes its own
/// pooled connection.
/// </summary>
public sealed class StoredTracks(NpgsqlDataSource dataSource)
{
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
