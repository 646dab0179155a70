using Npgsql;
using Tracking.Core.Patrol;

namespace Tracking.Storage.Patrol;

/// <summary>
/// Closed stays (visits and passes) in PostGIS. Writing the same stay again changes nothing, so
/// a journal replay after a restart is harmless; a stay that live presence retracted (a late fix
/// changed it) is deleted in the same transaction as its replacement is written.
/// Thread-safe: each call takes its own pooled connection.
/// </summary>
public sealed class VisitStore(NpgsqlDataSource dataSource)
{
    /// <summary>Deletes <paramref name="retracted"/> and stores <paramref name="closed"/>, in one transaction.</summary>
    public async Task WriteAsync(IReadOnlyList<Stay> closed, IReadOnlyList<Stay> retracted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(retracted);
        if (closed.Count == 0 && retracted.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (retracted.Count > 0)
        {
            await using var delete = new NpgsqlCommand(
                """
                DELETE FROM visits v USING unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS r(device_id, area_kind, area_id, enter_time)
                WHERE v.device_id = r.device_id AND v.area_kind = r.area_kind AND v.area_id = r.area_id AND v.enter_time = r.enter_time
                """,
                connection,
                transaction);
            AddKeyArrays(delete, retracted);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        if (closed.Count > 0)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO visits (device_id, area_kind, area_id, enter_time, exit_time, inside_seconds, is_visit)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::float8[], $7::boolean[])
                ON CONFLICT (device_id, area_kind, area_id, enter_time) DO UPDATE
                SET exit_time = EXCLUDED.exit_time, inside_seconds = EXCLUDED.inside_seconds, is_visit = EXCLUDED.is_visit
                """,
                connection,
                transaction);
            AddKeyArrays(insert, closed);
            insert.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. closed.Select(s => s.Exit.UtcDateTime)] });
            insert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. closed.Select(s => s.InsideSeconds)] });
            insert.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. closed.Select(s => s.IsVisit)] });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces every stored stay that began in [<paramref name="from"/>, <paramref name="to"/>) with
    /// <paramref name="stays"/> (which must all begin in it), in one transaction; returns how many were deleted.
    /// </summary>
    public async Task<long> ReplaceBeganAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<Stay> stays, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stays);
        if (stays.Any(s => s.Enter < from || s.Enter >= to))
        {
            throw new ArgumentException("Every stay must begin in the period it replaces.", nameof(stays));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = new NpgsqlCommand("DELETE FROM visits WHERE enter_time >= $1 AND enter_time < $2", connection, transaction);
        delete.Parameters.AddWithValue(from.ToUniversalTime());
        delete.Parameters.AddWithValue(to.ToUniversalTime());
        long deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY visits (device_id, area_kind, area_id, enter_time, exit_time, inside_seconds, is_visit) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var stay in stays)
            {
                var (kind, id) = AreaKeys.Parse(stay.AreaKey);
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(stay.DeviceId, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(kind, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(stay.Enter.UtcDateTime, NpgsqlTypes.NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(stay.Exit.UtcDateTime, NpgsqlTypes.NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(stay.InsideSeconds, NpgsqlTypes.NpgsqlDbType.Double, cancellationToken);
                await import.WriteAsync(stay.IsVisit, NpgsqlTypes.NpgsqlDbType.Boolean, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>
    /// The stored stays in one area (kind "beat" or "location") that overlap
    /// [<paramref name="from"/>, <paramref name="to"/>), oldest first.
    /// </summary>
    public async Task<List<Stay>> ListAsync(string areaKind, string areaId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT device_id, area_kind, area_id, enter_time, exit_time, inside_seconds, is_visit FROM visits
            WHERE area_kind = $1 AND area_id = $2 AND enter_time < $4 AND exit_time > $3
            ORDER BY enter_time, device_id
            """);
        command.Parameters.AddWithValue(areaKind);
        command.Parameters.AddWithValue(areaId);
        command.Parameters.AddWithValue(from.ToUniversalTime());
        command.Parameters.AddWithValue(to.ToUniversalTime());
        return await ReadStaysAsync(command, cancellationToken);
    }

    /// <summary>
    /// Every stored stay that began in [<paramref name="from"/>, <paramref name="to"/>), of one area kind
    /// ("beat" or "location") or of both when null, ordered by area, then time: what the reports count.
    /// </summary>
    public async Task<List<Stay>> ListBeganAsync(DateTimeOffset from, DateTimeOffset to, string? areaKind, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT device_id, area_kind, area_id, enter_time, exit_time, inside_seconds, is_visit FROM visits
            WHERE enter_time >= $1 AND enter_time < $2 AND ($3::text IS NULL OR area_kind = $3)
            ORDER BY area_kind, area_id, enter_time, device_id
            """);
        command.Parameters.AddWithValue(from.ToUniversalTime());
        command.Parameters.AddWithValue(to.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter<string?> { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, TypedValue = areaKind });
        return await ReadStaysAsync(command, cancellationToken);
    }

    private static async Task<List<Stay>> ReadStaysAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var stays = new List<Stay>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(1) == AreaKeys.BeatKind ? AreaKeys.Beat(reader.GetString(2)) : AreaKeys.Location(reader.GetString(2));
            stays.Add(new Stay(
                reader.GetString(0),
                key,
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetDouble(5),
                reader.GetBoolean(6)));
        }

        return stays;
    }

    private static void AddKeyArrays(NpgsqlCommand command, IReadOnlyList<Stay> stays)
    {
        var kinds = new string[stays.Count];
        var ids = new string[stays.Count];
        for (var i = 0; i < stays.Count; i++)
        {
            (kinds[i], ids[i]) = AreaKeys.Parse(stays[i].AreaKey);
        }

        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. stays.Select(s => s.DeviceId)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = kinds });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. stays.Select(s => s.Enter.UtcDateTime)] });
    }
}
