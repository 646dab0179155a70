using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;
using Tracking.Core.Dispatch;

namespace Tracking.Storage.Command;

/// <summary>
/// Emergency alarms (migration 0006): where (WGS84 point, x = longitude), who, when (UTC), and the
/// back-up recommended at that moment, kept as JSON (camelCase, enums as camelCase strings) exactly
/// as it was offered. An alarm is cleared once, by a dispatcher, and the clearing is recorded.
/// Thread-safe: each call takes its own pooled connection.
/// </summary>
public sealed class AlarmStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, device_id, unit_id, officer_ids, ST_X(location), ST_Y(location), raised_at, source, back_up::text, cleared_at, cleared_by, clear_note";

    private static readonly JsonSerializerOptions BackUpJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Stores a raised alarm; storing the same id again changes nothing (the first version stays).</summary>
    public async Task InsertAsync(Alarm alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO alarms (id, device_id, unit_id, officer_ids, location, raised_at, source, back_up, cleared_at, cleared_by, clear_note)
            VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326), $7, $8, $9, $10, $11, $12)
            ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.AddWithValue(alarm.Id);
        command.Parameters.AddWithValue(alarm.DeviceId);
        command.Parameters.Add(CommandSql.Text(alarm.UnitId));
        command.Parameters.Add(CommandSql.TextArray(alarm.OfficerIds));
        command.Parameters.Add(new NpgsqlParameter<double?> { NpgsqlDbType = NpgsqlDbType.Double, TypedValue = alarm.Longitude });
        command.Parameters.Add(new NpgsqlParameter<double?> { NpgsqlDbType = NpgsqlDbType.Double, TypedValue = alarm.Latitude });
        command.Parameters.AddWithValue(alarm.RaisedAt.UtcDateTime);
        command.Parameters.AddWithValue(CamelCaseEnum<AlarmSource>.Name(alarm.Source));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = JsonSerializer.Serialize(alarm.BackUp, BackUpJson) });
        command.Parameters.Add(CommandSql.Time(alarm.ClearedAt));
        command.Parameters.Add(CommandSql.Text(alarm.ClearedBy));
        command.Parameters.Add(CommandSql.Text(alarm.ClearNote));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Clears an open alarm at <paramref name="at"/> (UTC) by <paramref name="by"/> (at most 200
    /// characters) with an optional note (at most 500). False when there is no such alarm or it was
    /// cleared already: the first clearing stands.
    /// </summary>
    public async Task<bool> ClearAsync(Guid id, DateTimeOffset at, string by, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(by);
        await using var command = dataSource.CreateCommand(
            "UPDATE alarms SET cleared_at = $2, cleared_by = $3, clear_note = $4 WHERE id = $1 AND cleared_at IS NULL");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(at.UtcDateTime);
        command.Parameters.AddWithValue(by);
        command.Parameters.Add(CommandSql.Text(note));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>One alarm, or null.</summary>
    public async Task<Alarm?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM alarms WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await CommandSql.ReadAllAsync(command, Read, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Every alarm, or the open ones only, oldest raised first (then by id).</summary>
    public async Task<List<Alarm>> ListAsync(bool openOnly, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM alarms {(openOnly ? "WHERE cleared_at IS NULL" : "")} ORDER BY raised_at, id");
        return await CommandSql.ReadAllAsync(command, Read, cancellationToken);
    }

    private static Alarm Read(NpgsqlDataReader reader) =>
        new(
            reader.GetGuid(0),
            reader.GetString(1),
            CommandSql.NullableString(reader, 2),
            reader.GetFieldValue<string[]>(3),
            reader.IsDBNull(4) ? null : reader.GetDouble(4),
            reader.IsDBNull(5) ? null : reader.GetDouble(5),
            reader.GetFieldValue<DateTimeOffset>(6),
            CamelCaseEnum<AlarmSource>.Parse(reader.GetString(7)),
            JsonSerializer.Deserialize<List<Recommendation>>(reader.GetString(8), BackUpJson) ?? [])
        {
            ClearedAt = CommandSql.NullableTime(reader, 9),
            ClearedBy = CommandSql.NullableString(reader, 10),
            ClearNote = CommandSql.NullableString(reader, 11),
        };
}
