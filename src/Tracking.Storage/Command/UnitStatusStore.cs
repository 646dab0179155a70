using Npgsql;
using Tracking.Core.Dispatch;

namespace Tracking.Storage.Command;

/// <summary>
/// Every status change of every unit, append-only (migration 0006), with its time (UTC) and cause.
/// A change for a unit that does not exist is refused by the foreign key (<see cref="PostgresException"/>).
/// Thread-safe: each call takes its own pooled connection.
/// </summary>
public sealed class UnitStatusStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "unit_id, status, at, cause, reason, incident_id";

    /// <summary>Appends <paramref name="changes"/> in one transaction, in their order (later ones get larger ids).</summary>
    public async Task AppendAsync(IReadOnlyList<UnitStatusChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        // One statement is one transaction; ORDER BY the ordinality hands out the ids in list order.
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO unit_status_history (unit_id, status, at, cause, reason, incident_id)
            SELECT unit_id, status, at, cause, reason, incident_id
            FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[])
                 WITH ORDINALITY AS c(unit_id, status, at, cause, reason, incident_id, n)
            ORDER BY n
            """);
        command.Parameters.Add(CommandSql.TextArray(changes.Select(c => c.UnitId)));
        command.Parameters.Add(CommandSql.TextArray(changes.Select(c => CamelCaseEnum<UnitStatus>.Name(c.Status))));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. changes.Select(c => c.At.UtcDateTime)] });
        command.Parameters.Add(CommandSql.TextArray(changes.Select(c => CamelCaseEnum<StatusCause>.Name(c.Cause))));
        command.Parameters.Add(CommandSql.TextArray(changes.Select(c => c.Reason)));
        command.Parameters.Add(CommandSql.TextArray(changes.Select(c => c.IncidentId)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Each unit's current status: its change with the latest <see cref="UnitStatusChange.At"/>,
    /// of equal times the one appended last. Units without history are absent.
    /// </summary>
    public async Task<Dictionary<string, UnitStatusChange>> LatestAsync(CancellationToken cancellationToken = default)
    {
        // One index probe per unit on (unit_id, at) rather than a scan of the whole history.
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT latest.* FROM units u
            CROSS JOIN LATERAL (
                SELECT {Columns} FROM unit_status_history h WHERE h.unit_id = u.id ORDER BY h.at DESC, h.id DESC LIMIT 1
            ) AS latest
            """);
        var latest = new Dictionary<string, UnitStatusChange>(StringComparer.Ordinal);
        foreach (var change in await CommandSql.ReadAllAsync(command, Read, cancellationToken))
        {
            latest[change.UnitId] = change;
        }

        return latest;
    }

    /// <summary>One unit's changes with <c>at</c> in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public async Task<List<UnitStatusChange>> HistoryAsync(string unitId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM unit_status_history WHERE unit_id = $1 AND at >= $2 AND at < $3 ORDER BY at, id");
        command.Parameters.AddWithValue(unitId);
        command.Parameters.AddWithValue(from.UtcDateTime);
        command.Parameters.AddWithValue(to.UtcDateTime);
        return await CommandSql.ReadAllAsync(command, Read, cancellationToken);
    }

    private static UnitStatusChange Read(NpgsqlDataReader reader) =>
        new(
            reader.GetString(0),
            CamelCaseEnum<UnitStatus>.Parse(reader.GetString(1)),
            reader.GetFieldValue<DateTimeOffset>(2),
            CamelCaseEnum<StatusCause>.Parse(reader.GetString(3)),
            CommandSql.NullableString(reader, 4),
            CommandSql.NullableString(reader, 5));
}
