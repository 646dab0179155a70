using Npgsql;

namespace Tracking.Storage.Devices;

/// <summary>
/// The devices' secrets, as salted slow hashes only (the caller hashes; nothing here sees a secret).
/// Thread-safe: each call takes its own pooled connection.
/// </summary>
public sealed class DeviceCredentialStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every device's stored hash, by device id.</summary>
    public async Task<Dictionary<string, string>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("SELECT device_id, secret_hash FROM device_credentials");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hashes[reader.GetString(0)] = reader.GetString(1);
        }

        return hashes;
    }

    /// <summary>Sets (or replaces) a registered device's hash; false when the device is not registered.</summary>
    public async Task<bool> SetAsync(string deviceId, string secretHash, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO device_credentials (device_id, secret_hash)
            SELECT id, $2 FROM devices WHERE id = $1
            ON CONFLICT (device_id) DO UPDATE SET secret_hash = excluded.secret_hash, set_at = now()
            """);
        command.Parameters.AddWithValue(deviceId);
        command.Parameters.AddWithValue(secretHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Removes a device's secret; false when it had none.</summary>
    public async Task<bool> RevokeAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM device_credentials WHERE device_id = $1");
        command.Parameters.AddWithValue(deviceId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
