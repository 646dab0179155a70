using Npgsql;

namespace Tracking.Storage.Devices;

/// <summary>
/// Service accounts of the MQTT broker that are not devices (TETRA gateways, command and control), with the hash of
/// their secret. Thread-safe: each call takes its own pooled connection.
/// </summary>
public sealed class BrokerAccountStore(NpgsqlDataSource dataSource)
{
    public async Task<List<BrokerAccountRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var accounts = new List<BrokerAccountRecord>();
        await using var command = dataSource.CreateCommand(
            "SELECT username, role, secret_hash, created_at, updated_at FROM broker_accounts ORDER BY username");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(new BrokerAccountRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return accounts;
    }

    /// <summary>Creates an account; false when the username is taken.</summary>
    public async Task<bool> CreateAsync(string username, string role, string secretHash, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO broker_accounts (username, role, secret_hash) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING");
        command.Parameters.AddWithValue(username);
        command.Parameters.AddWithValue(role);
        command.Parameters.AddWithValue(secretHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Replaces an account's secret hash; false when there is no such account.</summary>
    public async Task<bool> RotateAsync(string username, string secretHash, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE broker_accounts SET secret_hash = $2, updated_at = now() WHERE username = $1");
        command.Parameters.AddWithValue(username);
        command.Parameters.AddWithValue(secretHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Removes an account; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM broker_accounts WHERE username = $1");
        command.Parameters.AddWithValue(username);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
