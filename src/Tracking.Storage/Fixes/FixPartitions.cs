using Npgsql;
using Tracking.Core.Analytics;

namespace Tracking.Storage.Fixes;

/// <summary>Day partitions of <c>fixes</c> (UTC days). Creating one that exists is a no-op.</summary>
public static class FixPartitions
{
    public static async Task EnsureAsync(NpgsqlConnection connection, DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("SELECT ensure_fixes_partition($1)", connection);
        command.Parameters.AddWithValue(day);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Creates the partitions for every day from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public static async Task EnsureRangeAsync(NpgsqlDataSource dataSource, DateOnly first, DateOnly last, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            await EnsureAsync(connection, day, cancellationToken);
        }
    }

    /// <summary>
    /// Retention: drops every day partition of <c>fixes</c> before <paramref name="firstDayKept"/> (a whole
    /// day at a time: no row-by-row delete, no table bloat), the track chunks of the local days that ended
    /// before it, and the refused messages older than that day. Returns the days dropped, oldest first. Serialised with partition creation.
    /// </summary>
    public static async Task<List<DateOnly>> DropBeforeAsync(NpgsqlDataSource dataSource, DateOnly firstDayKept, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var cutoff = new DateTimeOffset(firstDayKept.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('fixes_partitions'))", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var dropped = new List<DateOnly>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT c.relname FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid
            JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname = 'fixes' AND c.relname ~ '^fixes_[0-9]{8}$'
            ORDER BY c.relname
            """, connection, transaction))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var day = DateOnly.ParseExact(reader.GetString(0)["fixes_".Length..], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
                if (day < firstDayKept)
                {
                    dropped.Add(day);
                }
            }
        }

        foreach (var day in dropped)
        {
            // The name comes from the catalogue and matched ^fixes_[0-9]{8}$: safe to put in the statement.
            var name = "fixes_" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
            await using var drop = new NpgsqlCommand($"DROP TABLE {name}", connection, transaction);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        // The track chunks of the local days that ended by the cutoff: their fixes are gone.
        foreach (var table in (string[])["track_chunks", "track_chunk_days"])
        {
            await using var chunks = new NpgsqlCommand($"DELETE FROM {table} WHERE day < $1", connection, transaction);
            chunks.Parameters.AddWithValue(LocalCalendar.London.Day(cutoff));
            await chunks.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var rejected = new NpgsqlCommand("DELETE FROM rejected_messages WHERE received_at < $1", connection, transaction))
        {
            rejected.Parameters.AddWithValue(cutoff);
            await rejected.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return dropped;
    }
}
