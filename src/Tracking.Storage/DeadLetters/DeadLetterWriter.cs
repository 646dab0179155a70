using Npgsql;
using NpgsqlTypes;

namespace Tracking.Storage.DeadLetters;

/// <summary>Writes refused messages with one binary COPY per batch. Thread-safe: each call takes its own pooled connection.</summary>
public sealed class DeadLetterWriter(NpgsqlDataSource dataSource)
{
    public async Task WriteAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (letters.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY rejected_messages (received_at, topic, device_id, reason, detail, payload) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var letter in letters)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(letter.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(letter.Topic, NpgsqlDbType.Text, cancellationToken);
            if (letter.DeviceId is null)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(letter.DeviceId, NpgsqlDbType.Text, cancellationToken);
            }

            await importer.WriteAsync(letter.Reason, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(letter.Detail, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(letter.Payload, NpgsqlDbType.Bytea, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }
}
