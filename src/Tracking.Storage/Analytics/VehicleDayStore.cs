using Npgsql;
using Tracking.Core.Analytics;

namespace Tracking.Storage.Analytics;

/// <summary>
/// The stored mileage and utilisation of vehicles per closed local day, each with the version of the day's track it was
/// measured on (<c>track_day_versions</c>, bumped by <see cref="Fixes.FixWriter"/> when a late fix arrives for a
/// closed day). Thread-safe: each call takes its own pooled connection.
/// </summary>
public sealed class VehicleDayStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// For each of <paramref name="devices"/> and each day from <paramref name="first"/> to <paramref name="last"/>: the
    /// current version of its track (0 when no late fix ever came), and the stored figures when they were measured on
    /// that version. Read before the fixes are measured: a late fix committed in between makes the stored version old,
    /// so the day is measured again next time, never left wrong.
    /// </summary>
    public async Task<Dictionary<(string Device, DateOnly Day), (long Version, VehicleDay? Stored)>> ReadAsync(
        IReadOnlyCollection<string> devices, DateOnly first, DateOnly last, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var result = new Dictionary<(string, DateOnly), (long, VehicleDay?)>();
        if (devices.Count == 0)
        {
            return result;
        }

        await using var command = dataSource.CreateCommand(
            """
            SELECT d.device_id, g.day::date, coalesce(v.version, 0), s.version, s.distance_m, s.moving_s, s.idling_s, s.parked_s
            FROM unnest($1::text[]) AS d(device_id)
            CROSS JOIN generate_series($2::date, $3::date, interval '1 day') AS g(day)
            LEFT JOIN track_day_versions v ON v.device_id = d.device_id AND v.day = g.day::date
            LEFT JOIN vehicle_days s ON s.device_id = d.device_id AND s.day = g.day::date
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. devices] });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = first });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = last });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var device = reader.GetString(0);
            var day = reader.GetFieldValue<DateOnly>(1);
            var version = reader.GetInt64(2);
            VehicleDay? stored = !reader.IsDBNull(3) && reader.GetInt64(3) == version
                ? new VehicleDay(day, reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7))
                : null;
            result[(device, day)] = (version, stored);
        }

        return result;
    }

    /// <summary>Stores measured figures of closed days with the track version they were measured on (replacing older ones).</summary>
    public async Task WriteAsync(IReadOnlyList<(string Device, long Version, VehicleDay Day)> days, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO vehicle_days (device_id, day, version, distance_m, moving_s, idling_s, parked_s)
            SELECT * FROM unnest($1::text[], $2::date[], $3::bigint[], $4::float8[], $5::float8[], $6::float8[], $7::float8[])
            ON CONFLICT (device_id, day) DO UPDATE
            SET version = EXCLUDED.version, distance_m = EXCLUDED.distance_m, moving_s = EXCLUDED.moving_s,
                idling_s = EXCLUDED.idling_s, parked_s = EXCLUDED.parked_s, computed_at = now()
            WHERE vehicle_days.version <= EXCLUDED.version
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. days.Select(d => d.Device)] });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. days.Select(d => d.Day.Day)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. days.Select(d => d.Version)] });
        command.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. days.Select(d => d.Day.DistanceMetres)] });
        command.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. days.Select(d => d.Day.MovingSeconds)] });
        command.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. days.Select(d => d.Day.IdlingSeconds)] });
        command.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. days.Select(d => d.Day.ParkedSeconds)] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
