using Npgsql;
using NpgsqlTypes;

namespace Tracking.Storage.Security;

/// <summary>
/// The append-only <c>audit_log</c> table (the database refuses UPDATE, DELETE and TRUNCATE). Thread-safe: each call
/// takes its own pooled connection.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource dataSource)
{
    /// <summary>Appends a row; returns once it is committed (an audited answer is sent only after that).</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO audit_log (user_name, action, subject, purpose, path, query, client_address) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """);
        command.Parameters.AddWithValue(entry.UserName);
        command.Parameters.AddWithValue(entry.Action);
        command.Parameters.Add(Text(entry.Subject));
        command.Parameters.Add(Text(entry.Purpose));
        command.Parameters.AddWithValue(entry.Path);
        command.Parameters.Add(Text(entry.Query));
        command.Parameters.Add(Text(entry.ClientAddress));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = new List<AuditRecord>();
        await using var command = dataSource.CreateCommand("""
            SELECT id, at, user_name, action, subject, purpose, path, query, client_address FROM audit_log
            WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
              AND ($3::text IS NULL OR user_name = $3) AND ($4::text IS NULL OR subject = $4) AND ($5::text IS NULL OR action = $5)
            ORDER BY at DESC, id DESC
            OFFSET $6 LIMIT $7
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = query.From, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?> { TypedValue = query.To, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Text(query.User));
        command.Parameters.Add(Text(query.Subject));
        command.Parameters.Add(Text(query.Action));
        command.Parameters.AddWithValue(query.Offset);
        command.Parameters.AddWithValue(query.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AuditRecord(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                Nullable(reader, 4), Nullable(reader, 5), reader.GetString(6), Nullable(reader, 7), Nullable(reader, 8)));
        }

        return rows;
    }

    private static NpgsqlParameter<string?> Text(string? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
