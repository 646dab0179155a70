using Npgsql;

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
}
